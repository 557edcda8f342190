package nexusrpc.handler;

/** What cancel produced: accepted, or a handler error. */
public sealed interface CancelOutcome permits CancelOutcome.Accepted, HandlerError {
    /** The cancellation request was accepted (the operation may finish later). */
    record Accepted() implements CancelOutcome {}
}
