package temporal.nexus.internal;

import com.google.protobuf.ByteString;
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
        return into.setError(HandlerError.newBuilder().setErrorType(type).setRetryBehavior(retry)
                .setFailure(legacy(error.failure(), 0)));
    }

    /** The start response of an operation that failed or was canceled, in the form the server asked for. */
    @SuppressWarnings("deprecation") // the legacy form is deprecated, and still what older servers understand
    public static StartOperationResponse operationFailure(OperationFailure failure, boolean modern) {
        boolean canceled = failure.state() == OperationState.CANCELED;
        if (modern) {
            io.temporal.api.failure.v1.Failure.Builder f = base(failure.failure(), 0);
            if (canceled) {
                f.setCanceledFailureInfo(CanceledFailureInfo.getDefaultInstance());
            } else {
                f.setApplicationFailureInfo(ApplicationFailureInfo.newBuilder()
                        .setType(failure.failure().metadata().getOrDefault("type", OPERATION_ERROR_TYPE))
                        .setNonRetryable(true));
            }
            return StartOperationResponse.newBuilder().setFailure(f).build();
        }
        return StartOperationResponse.newBuilder().setOperationError(UnsuccessfulOperationError.newBuilder()
                .setOperationState(failure.state().wireName()).setFailure(legacy(failure.failure(), 0))).build();
    }

    /** Message, stack trace (only if the engine kept one) and causes; causes become application failures. */
    private static io.temporal.api.failure.v1.Failure.Builder base(Failure f, int depth) {
        io.temporal.api.failure.v1.Failure.Builder b = io.temporal.api.failure.v1.Failure.newBuilder()
                .setMessage(f.message());
        if (f.stackTrace() != null) {
            b.setStackTrace(f.stackTrace());
        }
        if (f.cause() != null && depth < MAX_DEPTH) {
            b.setCause(base(f.cause(), depth + 1).setApplicationFailureInfo(ApplicationFailureInfo.newBuilder()
                    .setType(f.cause().metadata().getOrDefault("type", ""))
                    .setNonRetryable(true)));
        }
        return b;
    }

    private static io.temporal.api.nexus.v1.Failure.Builder legacy(Failure f, int depth) {
        io.temporal.api.nexus.v1.Failure.Builder b = io.temporal.api.nexus.v1.Failure.newBuilder()
                .setMessage(f.message()).putAllMetadata(f.metadata());
        if (f.stackTrace() != null) {
            b.setStackTrace(f.stackTrace());
        }
        if (f.detailsJson() != null) {
            b.setDetails(ByteString.copyFromUtf8(f.detailsJson()));
        }
        if (f.cause() != null && depth < MAX_DEPTH) {
            b.setCause(legacy(f.cause(), depth + 1));
        }
        return b;
    }
}
