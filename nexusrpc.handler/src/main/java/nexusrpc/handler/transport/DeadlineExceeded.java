package nexusrpc.handler.transport;

import java.time.Instant;
import java.util.Objects;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.RetryBehavior;

/**
 * The request's deadline passed before the handler answered. The engine arms each call's deadline once; when it
 * passes it cancels the call's {@link nexusrpc.api.handler.Cancellation} and gives this outcome instead of
 * whatever the handler answers later, so every transport answers a slow handler (even one that ignores
 * cancellation) the same way: HTTP with {@code 408}, the in-memory client with a {@code REQUEST_TIMEOUT} error,
 * Temporal by sending no reply (its server has stopped waiting).
 *
 * @param deadline the deadline that passed
 */
public record DeadlineExceeded(Instant deadline)
        implements StartOutcome, FetchInfoOutcome, FetchResultOutcome, CancelOutcome {
    /** The reason the call's cancellation carries, the same whichever transport served it. */
    public static final String REASON = "the request deadline passed";

    /** Checks that the deadline is present. */
    public DeadlineExceeded {
        Objects.requireNonNull(deadline, "deadline");
    }

    /** This outcome as the handler error a caller sees: {@code REQUEST_TIMEOUT}, retry left to the caller. */
    public HandlerError asHandlerError() {
        return HandlerError.of(new HandlerException(ErrorType.REQUEST_TIMEOUT,
                "the handler did not answer within the request timeout", null, RetryBehavior.UNSPECIFIED));
    }

    @Override
    public <R> R accept(StartOutcome.Visitor<R> visitor) {
        return visitor.deadlineExceeded(this);
    }

    @Override
    public <R> R accept(FetchInfoOutcome.Visitor<R> visitor) {
        return visitor.deadlineExceeded(this);
    }

    @Override
    public <R> R accept(FetchResultOutcome.Visitor<R> visitor) {
        return visitor.deadlineExceeded(this);
    }

    @Override
    public <R> R accept(CancelOutcome.Visitor<R> visitor) {
        return visitor.deadlineExceeded(this);
    }
}
