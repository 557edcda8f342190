package temporal.nexus.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.util.concurrent.CancellationException;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.RetryBehavior;

/** Maps failures of Temporal client calls made by a handler to the Nexus handler error the caller should see. */
public final class TemporalErrors {
    private TemporalErrors() {}

    /** The handler error for a failed client call; {@code what} says what was attempted, e.g. "starting workflow x". */
    public static HandlerException toHandlerException(RuntimeException e, String what) {
        if (e instanceof HandlerException) {
            return (HandlerException) e;
        }
        if (e instanceof WorkflowExecutionAlreadyStarted) {
            return new HandlerException(ErrorType.CONFLICT, what + ": the workflow is already running; set"
                    + " WorkflowIdConflictPolicy.USE_EXISTING to attach to it, or choose another workflow id", null,
                    RetryBehavior.NON_RETRYABLE);
        }
        if (e instanceof WorkflowNotFoundException) {
            return new HandlerException(ErrorType.NOT_FOUND, what + ": the workflow does not exist (any more)");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CancellationException) {
                // the call was cut short because the request was cancelled (deadline or shutdown): try again later
                return new HandlerException(ErrorType.UNAVAILABLE, what + ": cancelled before Temporal answered");
            }
        }
        StatusRuntimeException status = statusCause(e);
        if (status == null) {
            return null;
        }
        Status.Code code = status.getStatus().getCode();
        String message = what + ": " + code + (status.getStatus().getDescription() == null
                ? "" : " " + status.getStatus().getDescription());
        switch (code) {
            case FAILED_PRECONDITION:
            case OUT_OF_RANGE:
                // the server refuses in a state a retry of the same request does not change
                return new HandlerException(ErrorType.INTERNAL, message, null, RetryBehavior.NON_RETRYABLE);
            default:
                return new HandlerException(type(code), message);
        }
    }

    /**
     * What to throw for a failed client call: the mapped handler error, or {@code e} itself when it is not a
     * Temporal client failure (the dispatcher then answers {@code INTERNAL} and logs it).
     */
    public static RuntimeException rethrow(RuntimeException e, String what) {
        HandlerException mapped = toHandlerException(e, what);
        return mapped != null ? mapped : e;
    }

    private static StatusRuntimeException statusCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException) {
                return (StatusRuntimeException) t;
            }
            if (!(t instanceof WorkflowServiceException) && t != e) {
                break;
            }
        }
        return null;
    }

    private static ErrorType type(Status.Code code) {
        switch (code) {
            case INVALID_ARGUMENT:
                return ErrorType.BAD_REQUEST;
            case NOT_FOUND:
                return ErrorType.NOT_FOUND;
            case ALREADY_EXISTS:
                return ErrorType.CONFLICT;
            case RESOURCE_EXHAUSTED:
                return ErrorType.RESOURCE_EXHAUSTED;
            case DEADLINE_EXCEEDED:
                return ErrorType.UPSTREAM_TIMEOUT;
            case ABORTED:
            case UNAVAILABLE:
                return ErrorType.UNAVAILABLE;
            case UNIMPLEMENTED:
                return ErrorType.NOT_IMPLEMENTED;
            default:
                // includes PERMISSION_DENIED and UNAUTHENTICATED: Temporal refused the worker's own credentials,
                // which is no fault of the caller, and a retry succeeds once the worker's configuration is fixed
                return ErrorType.INTERNAL;
        }
    }
}
