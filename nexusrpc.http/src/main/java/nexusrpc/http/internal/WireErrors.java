package nexusrpc.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import nexusrpc.api.Failure;
import nexusrpc.api.FailureException;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.RetryBehavior;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.OperationFailure;

/** Handler errors and operation failures to and from their wire Failures (metadata type and details). */
public final class WireErrors {
    private WireErrors() {}

    /** The wire failure of a handler error: its failure tagged {@code nexus.HandlerError} with type details. */
    public static Failure wireFailure(HandlerError e) {
        HandlerException ex = e.exception();
        Boolean override = ex.retryBehavior() == RetryBehavior.RETRYABLE
                ? Boolean.TRUE
                : ex.retryBehavior() == RetryBehavior.NON_RETRYABLE ? Boolean.FALSE : null;
        return tagged(e.failure(), Wire.HANDLER_ERROR_TYPE, WireJson.handlerErrorDetails(ex.rawType(), override));
    }

    /** The wire failure of a failed or canceled operation, tagged {@code nexus.OperationError}. */
    public static Failure wireFailure(OperationFailure f) {
        return wireFailure(f.failure(), f.state());
    }

    /**
     * {@code failure} tagged as the {@code nexus.OperationError} of an operation that ended in {@code state}
     * (failed or canceled): how responses and completions carry it.
     */
    public static Failure wireFailure(Failure failure, OperationState state) {
        return tagged(failure, Wire.OPERATION_ERROR_TYPE, WireJson.operationErrorDetails(state));
    }

    private static Failure tagged(Failure f, String type, String details) {
        Map<String, String> metadata = new HashMap<>(f.metadata());
        metadata.put("type", type);
        return new Failure(f.message(), f.stackTrace(), metadata, details, f.cause());
    }

    /** A handler error made on this side (transport problems, bad input), with a failure without stack trace. */
    public static HandlerError local(ErrorType type, String message, RetryBehavior retry) {
        return HandlerError.of(new HandlerException(type, message, null, retry));
    }

    /**
     * Rehydrates a handler error from a response: the failure's own type when it is a {@code nexus.HandlerError}
     * (it takes precedence over the status), else the status's type with the failure as cause.
     *
     * @param status the HTTP status
     * @param failure the failure in the body, or {@code null}
     * @param retryableHeader the deprecated {@code Nexus-Request-Retryable} header, or {@code null}
     * @param what a description of the request, for messages
     */
    public static HandlerError handlerError(int status, Failure failure, String retryableHeader, String what) {
        if (failure != null && Wire.HANDLER_ERROR_TYPE.equals(failure.metadata().get("type"))) {
            JsonNode type = WireJson.detail(failure, "type");
            String raw = type != null && type.isTextual() ? type.textValue() : null;
            ErrorType t = raw == null ? fallbackType(status) : ErrorType.fromWireName(raw);
            JsonNode override = WireJson.detail(failure, "retryableOverride");
            RetryBehavior retry = override != null && override.isBoolean()
                    ? (override.booleanValue() ? RetryBehavior.RETRYABLE : RetryBehavior.NON_RETRYABLE)
                    : retryFromHeader(retryableHeader, RetryBehavior.UNSPECIFIED);
            HandlerException e = new HandlerException(t, raw == null ? t.name() : raw, failure.message(),
                    failure.cause() == null ? null : new FailureException(failure.cause()), retry);
            return new HandlerError(e, failure);
        }
        ErrorType known = Wire.typeOf(status);
        ErrorType t = known == null ? ErrorType.UNKNOWN : known;
        RetryBehavior fallbackRetry = known == null && status < 500 ? RetryBehavior.NON_RETRYABLE
                : RetryBehavior.UNSPECIFIED;
        String message = (known == null ? "unexpected HTTP status " + status : "HTTP status " + status) + " from "
                + what + (failure == null || failure.message().isEmpty() ? "" : ": " + failure.message());
        if (status == 404 && failure == null) {
            // no Nexus server answered: the web server has nothing at that path, most often a wrong base path
            message += ", not from a Nexus server: nothing is served at that path; check the endpoint URL, its base"
                    + " path included";
        }
        HandlerException e = new HandlerException(t, known == null ? "HTTP_" + status : t.name(), message,
                failure == null ? null : new FailureException(failure), retryFromHeader(retryableHeader, fallbackRetry));
        return failure == null ? HandlerError.of(e) : new HandlerError(e, failure);
    }

    private static ErrorType fallbackType(int status) {
        ErrorType t = Wire.typeOf(status);
        return t == null ? ErrorType.UNKNOWN : t;
    }

    private static RetryBehavior retryFromHeader(String header, RetryBehavior otherwise) {
        if ("true".equalsIgnoreCase(header)) {
            return RetryBehavior.RETRYABLE;
        }
        if ("false".equalsIgnoreCase(header)) {
            return RetryBehavior.NON_RETRYABLE;
        }
        return otherwise;
    }

    /**
     * Rehydrates a failed or canceled operation: the state from the failure's details, else from the state header.
     *
     * @throws IllegalArgumentException if neither says failed or canceled
     */
    public static OperationException operationException(Failure failure, String stateHeader) {
        boolean tagged = Wire.OPERATION_ERROR_TYPE.equals(failure.metadata().get("type"));
        JsonNode s = tagged ? WireJson.detail(failure, "state") : null;
        String stateName = s != null && s.isTextual() ? s.textValue() : stateHeader;
        OperationState state;
        try {
            state = OperationState.fromWireName(stateName);
        } catch (IllegalArgumentException e) {
            state = null;
        }
        if (state != OperationState.FAILED && state != OperationState.CANCELED) {
            throw new IllegalArgumentException("the operation failure does not say whether the operation failed or was"
                    + " canceled (details.state or Nexus-Operation-State is \"" + stateName + "\")");
        }
        if (tagged) {
            return new OperationException(state, failure.message(),
                    failure.cause() == null ? null : new FailureException(failure.cause()));
        }
        // an untagged failure from an older peer: keep all of it as the cause
        return new OperationException(state, failure.message(), new FailureException(failure));
    }
}
