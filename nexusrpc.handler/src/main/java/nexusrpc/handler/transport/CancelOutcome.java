package nexusrpc.handler.transport;

/**
 * What cancel produced: accepted, a handler error, or the deadline passing first. Handled with {@link
 * #accept(Visitor)}, which the compiler checks for every variant.
 */
public sealed interface CancelOutcome permits CancelOutcome.Accepted, HandlerError, DeadlineExceeded {
    /** Calls the visitor's method for this variant. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per variant of {@link CancelOutcome}.
     *
     * @param <R> what the transport makes of an outcome
     */
    interface Visitor<R> {
        /** The cancellation request was accepted. */
        R accepted(Accepted accepted);

        /** The request failed. */
        R handlerError(HandlerError error);

        /** The request's deadline passed first. */
        R deadlineExceeded(DeadlineExceeded deadline);
    }

    /** The cancellation request was accepted (the operation may finish later). */
    record Accepted() implements CancelOutcome {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.accepted(this);
        }
    }
}
