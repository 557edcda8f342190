package nexusrpc.handler;

import java.util.Objects;
import nexusrpc.api.Failure;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;

/**
 * The operation finished unsuccessfully (failed or canceled): a final outcome, not retried.
 *
 * @param exception what the handler threw, or what a client rehydrated
 * @param failure the failure to send (the exception's message and causes)
 */
public record OperationFailure(OperationException exception, Failure failure)
        implements StartOutcome, FetchInfoOutcome, FetchResultOutcome {
    /** Checks that both parts are present. */
    public OperationFailure {
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(failure, "failure");
    }

    /** {@link OperationState#FAILED} or {@link OperationState#CANCELED}. */
    public OperationState state() {
        return exception.state();
    }
}
