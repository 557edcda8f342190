package nexusrpc.handler;

import nexusrpc.api.OperationDefinition;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.handler.OperationHandler;

/**
 * Wraps every verb of every operation: the hook for logging, authorization, metrics, tracing. Applied once per
 * operation when the {@link NexusHandler} is built (no allocation per request); the first middleware added is
 * the outermost.
 *
 * <p>Extend {@link ForwardingOperationHandler} so that the verbs you do not decorate still reach {@code next}.
 * Middleware sees inputs and results as Java values (decoded, not yet encoded); requests for unknown services or
 * operations and undecodable inputs are answered before it runs.
 */
@FunctionalInterface
public interface Middleware {
    /**
     * Returns a handler that does this middleware's work around {@code next}.
     *
     * @param service the service the operation belongs to
     * @param operation the operation being wrapped
     * @param next the handler to delegate to
     */
    OperationHandler<Object, Object> wrap(
            ServiceDefinition service, OperationDefinition<?, ?> operation, OperationHandler<Object, Object> next);
}
