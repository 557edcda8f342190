package nexusrpc.handler.transport;

import nexusrpc.api.Content;

/**
 * What fetchResult produced: the result, "still running", an operation failure, a handler error, or the deadline
 * passing first. Handled with {@link #accept(Visitor)}, which the compiler checks for every variant.
 */
public sealed interface FetchResultOutcome permits FetchResultOutcome.Ready, FetchResultOutcome.StillRunning,
        OperationFailure, HandlerError, DeadlineExceeded {
    /** Calls the visitor's method for this variant. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per variant of {@link FetchResultOutcome}.
     *
     * @param <R> what the transport makes of an outcome
     */
    interface Visitor<R> {
        /** The operation succeeded. */
        R ready(Ready ready);

        /** The operation did not finish within the wait. */
        R stillRunning(StillRunning stillRunning);

        /** The operation failed or was canceled. */
        R operationFailure(OperationFailure failure);

        /** The request failed. */
        R handlerError(HandlerError error);

        /** The request's deadline passed first. */
        R deadlineExceeded(DeadlineExceeded deadline);
    }

    /**
     * The operation succeeded.
     *
     * @param result the serialized result
     */
    record Ready(Content result) implements FetchResultOutcome {
        /** Replaces a null result by empty content. */
        public Ready {
            result = result == null ? Content.empty() : result;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.ready(this);
        }
    }

    /** The operation did not finish within the wait. */
    record StillRunning() implements FetchResultOutcome {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.stillRunning(this);
        }
    }
}
