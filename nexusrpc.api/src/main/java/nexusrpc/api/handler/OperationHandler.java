package nexusrpc.api.handler;

import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;

/**
 * Serves the four verbs of one operation. Instances are shared by all requests: implementations must be
 * thread-safe.
 *
 * <p>Only {@link #start} is required; the other verbs answer {@code NOT_IMPLEMENTED} unless overridden.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public interface OperationHandler<I, O> {
    /**
     * Starts the operation.
     *
     * @return a synchronous result or an asynchronous token
     * @throws OperationException if the operation failed or was canceled
     * @throws HandlerException if the request cannot be served (bad input, not allowed, unavailable...)
     */
    StartResult<O> start(OperationContext ctx, StartOptions options, I input) throws OperationException;

    /** Reports the state of an asynchronous operation. */
    default OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token)
            throws OperationException {
        throw HandlerException.notImplemented(
                "operation \"" + ctx.operation() + "\" of service \"" + ctx.service() + "\" does not support fetchInfo");
    }

    /**
     * Returns the result of an asynchronous operation, waiting up to {@link FetchResultOptions#timeout()}.
     *
     * @throws OperationStillRunningException if it is not finished within the wait
     * @throws OperationException if it failed or was canceled
     */
    default O fetchResult(OperationContext ctx, FetchResultOptions options, String token) throws OperationException {
        throw HandlerException.notImplemented("operation \"" + ctx.operation() + "\" of service \"" + ctx.service()
                + "\" does not support fetchResult");
    }

    /** Requests cancellation of an asynchronous operation; returns once the request is accepted. */
    default void cancel(OperationContext ctx, CancelOptions options, String token) {
        throw HandlerException.notImplemented(
                "operation \"" + ctx.operation() + "\" of service \"" + ctx.service() + "\" does not support cancel");
    }
}
