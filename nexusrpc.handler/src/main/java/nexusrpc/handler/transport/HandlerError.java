package nexusrpc.handler.transport;

import java.util.Objects;
import nexusrpc.api.Failure;
import nexusrpc.api.HandlerException;

/**
 * The request failed (not the operation): a transport maps it to its error form (HTTP status, Temporal handler
 * failure). Made with {@link #of(HandlerException)} (or by the engine, which decides whether stack traces go to
 * callers), never by hand-building the failure.
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

    /**
     * The outcome for {@code e}, with the failure a caller may see: messages of {@code e} and its causes, no stack
     * traces or class names. The one way transports turn their own errors (bad headers, overload, a failure
     * received from a peer) into an outcome.
     */
    public static HandlerError of(HandlerException e) {
        return of(e, false);
    }

    /** As {@link #of(HandlerException)}, with stack traces when {@code includeStackTraces}. */
    public static HandlerError of(HandlerException e, boolean includeStackTraces) {
        return new HandlerError(e, Failures.of(e, includeStackTraces));
    }

    /** The error type. */
    public HandlerException.ErrorType type() {
        return exception.type();
    }

    /** Whether the caller should retry. */
    public boolean retryable() {
        return exception.isRetryable();
    }

    @Override
    public <R> R accept(StartOutcome.Visitor<R> visitor) {
        return visitor.handlerError(this);
    }

    @Override
    public <R> R accept(FetchInfoOutcome.Visitor<R> visitor) {
        return visitor.handlerError(this);
    }

    @Override
    public <R> R accept(FetchResultOutcome.Visitor<R> visitor) {
        return visitor.handlerError(this);
    }

    @Override
    public <R> R accept(CancelOutcome.Visitor<R> visitor) {
        return visitor.handlerError(this);
    }
}
