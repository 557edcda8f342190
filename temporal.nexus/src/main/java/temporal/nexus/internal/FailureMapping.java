package temporal.nexus.internal;

import io.temporal.api.enums.v1.NexusHandlerErrorRetryBehavior;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.CanceledFailureInfo;
import io.temporal.api.failure.v1.NexusHandlerFailureInfo;
import io.temporal.api.nexus.v1.HandlerError;
import io.temporal.api.nexus.v1.StartOperationResponse;
import io.temporal.api.nexus.v1.UnsuccessfulOperationError;
import io.temporal.api.workflowservice.v1.RespondNexusTaskFailedRequest;
import nexusrpc.api.Failure;
import nexusrpc.api.OperationState;
import nexusrpc.handler.transport.OperationFailure;

/**
 * Maps our outcomes to Temporal's two failure forms: the modern one (a Temporal {@code Failure}), used when the
 * request's capabilities include {@code temporal_failure_responses}, and the legacy Nexus one ({@code
 * HandlerError} / {@code UnsuccessfulOperationError} carrying a Nexus failure) for older servers.
 *
 * <p>Both forms carry the same Temporal failure. In the legacy form it travels inside the Nexus failure as Temporal's
 * own handler sends it ({@link TemporalFailures}: metadata {@code type} {@code temporal.api.failure.v1.Failure},
 * the failure as JSON in the details), which Temporal's servers and SDKs read back whole; a bare Nexus failure
 * would reach a Temporal caller as an opaque {@code NexusFailure} (or not be decoded at all), losing the
 * {@code OperationError} type and the cause chain. One difference from Temporal's Java handler is deliberate: for
 * a failed operation it sends the cause of its {@code OperationError} failure, so the caller sees neither that
 * type nor, when there is no cause, the message; this sends the {@code OperationError} failure itself, so the
 * caller sees in both forms what the modern form gives it.
 */
public final class FailureMapping {
    /** The Temporal failure type of a failed operation (what Temporal's own handlers send). */
    public static final String OPERATION_ERROR_TYPE = "OperationError";
    private static final int MAX_DEPTH = 32;

    private FailureMapping() {}

    /** Fills the failure of a handler error into a respond-failed request, in the form the server asked for. */
    @SuppressWarnings("deprecation") // the legacy form is deprecated, and still what older servers understand
    public static RespondNexusTaskFailedRequest.Builder handlerError(
            nexusrpc.handler.transport.HandlerError error, boolean modern, RespondNexusTaskFailedRequest.Builder into) {
        NexusHandlerErrorRetryBehavior retry = error.retryable()
                ? NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_RETRYABLE
                : NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE;
        String type = error.exception().rawType();
        if (modern) {
            io.temporal.api.failure.v1.Failure.Builder f = base(error.failure(), 0)
                    .setNexusHandlerFailureInfo(NexusHandlerFailureInfo.newBuilder().setType(type).setRetryBehavior(retry));
            return into.setFailure(f);
        }
        // Temporal's handler sends the handler error's cause (or its message) as a Temporal failure; the server
        // puts the error type and retry behaviour around it. This failure has the message and the cause chain.
        io.temporal.api.failure.v1.Failure f = base(error.failure(), 0)
                .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setNonRetryable(!error.retryable()))
                .build();
        return into.setError(HandlerError.newBuilder().setErrorType(type).setRetryBehavior(retry)
                .setFailure(TemporalFailures.toWire(f)));
    }

    /** The start response of an operation that failed or was canceled, in the form the server asked for. */
    @SuppressWarnings("deprecation") // the legacy form is deprecated, and still what older servers understand
    public static StartOperationResponse operationFailure(OperationFailure failure, boolean modern) {
        boolean canceled = failure.state() == OperationState.CANCELED;
        io.temporal.api.failure.v1.Failure.Builder f = base(failure.failure(), 0);
        if (canceled) {
            f.setCanceledFailureInfo(CanceledFailureInfo.getDefaultInstance());
        } else {
            f.setApplicationFailureInfo(ApplicationFailureInfo.newBuilder()
                    .setType(failure.failure().metadata().getOrDefault("type", OPERATION_ERROR_TYPE))
                    .setNonRetryable(true));
        }
        if (modern) {
            return StartOperationResponse.newBuilder().setFailure(f).build();
        }
        return StartOperationResponse.newBuilder().setOperationError(UnsuccessfulOperationError.newBuilder()
                .setOperationState(failure.state().wireName()).setFailure(TemporalFailures.toWire(f.build()))).build();
    }

    /** Message, stack trace (only if the engine kept one) and causes. */
    private static io.temporal.api.failure.v1.Failure.Builder base(Failure f, int depth) {
        io.temporal.api.failure.v1.Failure.Builder b = io.temporal.api.failure.v1.Failure.newBuilder()
                .setMessage(f.message());
        if (f.stackTrace() != null) {
            b.setStackTrace(f.stackTrace());
        }
        if (f.cause() != null && depth < MAX_DEPTH) {
            b.setCause(cause(f.cause(), depth + 1));
        }
        return b;
    }

    /**
     * A cause: the Temporal failure it carries (e.g. an update's ApplicationFailure, with its type and details),
     * else an application failure of its message and causes.
     */
    private static io.temporal.api.failure.v1.Failure cause(Failure f, int depth) {
        return TemporalFailures.fromNexus(f).orElseGet(() -> base(f, depth)
                .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder()
                        .setType(f.metadata().getOrDefault("type", ""))
                        .setNonRetryable(true))
                .build());
    }
}
