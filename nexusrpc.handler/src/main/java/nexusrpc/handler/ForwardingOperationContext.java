package nexusrpc.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import nexusrpc.api.Headers;
import nexusrpc.api.Serializer;
import nexusrpc.api.handler.CallerPrincipal;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.api.handler.CompletionCallback;
import nexusrpc.api.handler.OperationContext;

/**
 * An {@link OperationContext} that passes every method to another one; override what a {@link Middleware} changes
 * (e.g. the completion callback, to deliver it in the context it captured at start).
 *
 * <p>Kept here, beside {@link ForwardingOperationHandler}, so that a method added to {@link OperationContext} is
 * forwarded by every middleware that extends this class instead of falling back to its interface default.
 */
public class ForwardingOperationContext implements OperationContext {
    private final OperationContext delegate;

    /** Forwards to {@code delegate}. */
    public ForwardingOperationContext(OperationContext delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The context methods are forwarded to. */
    protected final OperationContext delegate() {
        return delegate;
    }

    @Override
    public String service() {
        return delegate.service();
    }

    @Override
    public String operation() {
        return delegate.operation();
    }

    @Override
    public Headers headers() {
        return delegate.headers();
    }

    @Override
    public Optional<Instant> deadline() {
        return delegate.deadline();
    }

    @Override
    public Optional<Duration> timeRemaining() {
        return delegate.timeRemaining();
    }

    @Override
    public Cancellation cancellation() {
        return delegate.cancellation();
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        return delegate.extension(type);
    }

    @Override
    public Optional<Serializer> serializer() {
        return delegate.serializer();
    }

    @Override
    public Optional<CompletionCallback> completionCallback() {
        return delegate.completionCallback();
    }

    @Override
    public Optional<CallerPrincipal> caller() {
        return delegate.caller();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
