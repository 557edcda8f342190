package nexusrpc.handler.transport;

import java.util.Objects;
import nexusrpc.api.Failure;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;

/**
 * The operation finished unsuccessfully (failed or canceled): a final outcome, not retried. Made with {@link
 * #of(OperationException)}.
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

    /** The outcome for {@code e}: messages of {@code e} and its causes, no stack traces or class names. */
    public static OperationFailure of(OperationException e) {
        return of(e, false);
    }

    /** As {@link #of(OperationException)}, with stack traces when {@code includeStackTraces}. */
    public static OperationFailure of(OperationException e, boolean includeStackTraces) {
        return new OperationFailure(e, Failures.of(e, includeStackTraces));
    }

    /** {@link OperationState#FAILED} or {@link OperationState#CANCELED}. */
    public OperationState state() {
        return exception.state();
    }

    @Override
    public <R> R accept(StartOutcome.Visitor<R> visitor) {
        return visitor.operationFailure(this);
    }

    @Override
    public <R> R accept(FetchInfoOutcome.Visitor<R> visitor) {
        return visitor.operationFailure(this);
    }

    @Override
    public <R> R accept(FetchResultOutcome.Visitor<R> visitor) {
        return visitor.operationFailure(this);
    }
}
