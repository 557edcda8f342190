package nexusrpc.handler.internal;

import java.lang.reflect.Type;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.handler.OperationHandler;

/**
 * One operation as the dispatcher serves it, resolved once at registration.
 *
 * @param definition the contract operation
 * @param handler the handler, wrapped by the middleware
 * @param kind the name of the kind that built it, for logs
 * @param inputType the declared input type
 * @param outputType the declared output type
 * @param noInput whether the operation takes no input (the body is then ignored)
 * @param built the handler as its kind built it, before middleware: closed with the engine if it is {@link
 *     AutoCloseable}
 */
public record RegisteredOperation(
        OperationDefinition<?, ?> definition,
        OperationHandler<Object, Object> handler,
        String kind,
        Type inputType,
        Type outputType,
        boolean noInput,
        OperationHandler<?, ?> built) {}
