package nexusrpc.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A failure of the request itself (not of the operation): bad input, not found, not allowed, overloaded,
 * internal... Transports map the {@link ErrorType} to their own codes (HTTP status, Temporal failure).
 *
 * <p>Unchecked, so handlers can throw it from anywhere. Retry behaviour defaults by type and can be overridden.
 */
public class HandlerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error types of the Nexus specification, plus {@link #UNKNOWN} for types this SDK does not know. */
    public enum ErrorType {
        /** The request is malformed; fix it before retrying. */
        BAD_REQUEST(false),
        /** The caller is not authenticated. */
        UNAUTHENTICATED(false),
        /** The caller is not allowed to make this request. */
        UNAUTHORIZED(false),
        /** The service or operation (or resource) does not exist. */
        NOT_FOUND(false),
        /** The request did not finish within its deadline. */
        REQUEST_TIMEOUT(true),
        /** The request conflicts with the current state (e.g. an operation already started). */
        CONFLICT(false),
        /** A quota or rate limit was hit; retry later. */
        RESOURCE_EXHAUSTED(true),
        /** An unexpected error in the handler. */
        INTERNAL(true),
        /** The handler does not implement this verb or operation. */
        NOT_IMPLEMENTED(false),
        /** The handler is temporarily unavailable. */
        UNAVAILABLE(true),
        /** A system the handler depends on timed out. */
        UPSTREAM_TIMEOUT(true),
        /** A type this SDK does not know, received from a peer. */
        UNKNOWN(true);

        private final boolean retryableByDefault;

        ErrorType(boolean retryableByDefault) {
            this.retryableByDefault = retryableByDefault;
        }

        /** Whether requests failing with this type are retried when no explicit behaviour is set. */
        public boolean retryableByDefault() {
            return retryableByDefault;
        }

        /** Parses a wire name ({@code BAD_REQUEST}, ignoring case); unknown names give {@link #UNKNOWN}. */
        public static ErrorType fromWireName(String name) {
            if (name == null) {
                return UNKNOWN;
            }
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }
    }

    /** The error type. */
    private final ErrorType type;
    /** The explicit retry behaviour, or UNSPECIFIED. */
    private final RetryBehavior retryBehavior;
    /** The type name as received from a peer; differs from {@code type.name()} only for {@link ErrorType#UNKNOWN}. */
    private final String rawType;

    /** Creates an error of the given type with the type's default retry behaviour. */
    public HandlerException(ErrorType type, String message) {
        this(type, message, null, RetryBehavior.UNSPECIFIED);
    }

    /** Creates an error of the given type and cause with the type's default retry behaviour. */
    public HandlerException(ErrorType type, String message, Throwable cause) {
        this(type, message, cause, RetryBehavior.UNSPECIFIED);
    }

    /** Creates an error with an explicit retry behaviour. */
    public HandlerException(ErrorType type, String message, Throwable cause, RetryBehavior retryBehavior) {
        this(type, type == null ? null : type.name(), message, cause, retryBehavior);
    }

    /**
     * Creates an error as received from a peer, keeping the raw type name (for {@link ErrorType#UNKNOWN}).
     */
    public HandlerException(
            ErrorType type, String rawType, String message, Throwable cause, RetryBehavior retryBehavior) {
        super(message, cause);
        this.type = Objects.requireNonNull(type, "type");
        this.rawType = rawType == null ? type.name() : rawType;
        this.retryBehavior = Objects.requireNonNull(retryBehavior, "retryBehavior");
    }

    /** A {@link ErrorType#BAD_REQUEST} error. */
    public static HandlerException badRequest(String message) {
        return new HandlerException(ErrorType.BAD_REQUEST, message);
    }

    /** A {@link ErrorType#NOT_FOUND} error. */
    public static HandlerException notFound(String message) {
        return new HandlerException(ErrorType.NOT_FOUND, message);
    }

    /** A {@link ErrorType#NOT_IMPLEMENTED} error. */
    public static HandlerException notImplemented(String message) {
        return new HandlerException(ErrorType.NOT_IMPLEMENTED, message);
    }

    /** An {@link ErrorType#INTERNAL} error. */
    public static HandlerException internal(String message, Throwable cause) {
        return new HandlerException(ErrorType.INTERNAL, message, cause);
    }

    /** The error type. */
    public ErrorType type() {
        return type;
    }

    /** The type name as it travels on the wire (the peer's name when the type is {@link ErrorType#UNKNOWN}). */
    public String rawType() {
        return rawType;
    }

    /** The explicit retry behaviour, or {@link RetryBehavior#UNSPECIFIED}. */
    public RetryBehavior retryBehavior() {
        return retryBehavior;
    }

    /** Whether the caller should retry: the explicit behaviour if set, else the type's default. */
    public boolean isRetryable() {
        switch (retryBehavior) {
            case RETRYABLE:
                return true;
            case NON_RETRYABLE:
                return false;
            default:
                return type.retryableByDefault();
        }
    }
}
