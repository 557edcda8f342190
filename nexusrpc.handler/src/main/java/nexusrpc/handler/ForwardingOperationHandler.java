package nexusrpc.handler;

import java.util.Objects;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;

/**
 * An {@link OperationHandler} that passes all four verbs to another one; override the verbs you decorate.
 *
 * <p>The base for {@link Middleware}: a wrapper written from scratch that overrides only {@code start} would
 * answer {@code NOT_IMPLEMENTED} for the other verbs (their interface defaults) instead of delegating them.
 *
 * <pre>{@code
 * Middleware audit = (service, operation, next) -> new ForwardingOperationHandler<>(next) {
 *     public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
 *             throws OperationException {
 *         log.info("start {}/{}", ctx.service(), ctx.operation());
 *         return super.start(ctx, options, input);
 *     }
 * };
 * }</pre>
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public class ForwardingOperationHandler<I, O> implements OperationHandler<I, O> {
    private final OperationHandler<I, O> next;

    /** Forwards to {@code next}. */
    public ForwardingOperationHandler(OperationHandler<I, O> next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    /** The handler verbs are forwarded to. */
    protected final OperationHandler<I, O> next() {
        return next;
    }

    @Override
    public StartResult<O> start(OperationContext ctx, StartOptions options, I input) throws OperationException {
        return next.start(ctx, options, input);
    }

    @Override
    public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token)
            throws OperationException {
        return next.fetchInfo(ctx, options, token);
    }

    @Override
    public O fetchResult(OperationContext ctx, FetchResultOptions options, String token) throws OperationException {
        return next.fetchResult(ctx, options, token);
    }

    @Override
    public void cancel(OperationContext ctx, CancelOptions options, String token) {
        next.cancel(ctx, options, token);
    }
}
