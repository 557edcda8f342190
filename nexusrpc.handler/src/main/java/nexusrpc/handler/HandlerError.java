package nexusrpc.handler;

import java.util.Objects;
import nexusrpc.api.Failure;
import nexusrpc.api.HandlerException;

/**
 * The request failed (not the operation): a transport maps it to its error form (HTTP status, Temporal handler
 * failure).
 *
 * @param exception the error; for unexpected exceptions an {@code INTERNAL} error whose message hides details
 * @param failure the failure to send, already stripped of stack traces unless the handler is configured to
 *     include them
 */
public record HandlerError(HandlerException exception, Failure failure)
        implements StartOutcome, FetchInfoOutcome, FetchResultOutcome, CancelOutcome {
    /** Checks that both parts are present. */
    public HandlerError {
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(failure, "failure");
    }

    /** The error type. */
    public HandlerException.ErrorType type() {
        return exception.type();
    }

    /** Whether the caller should retry. */
    public boolean retryable() {
        return exception.isRetryable();
    }
}
