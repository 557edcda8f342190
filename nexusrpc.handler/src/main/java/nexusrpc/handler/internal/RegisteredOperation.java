package nexusrpc.handler.internal;

import java.lang.reflect.Type;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.Serializer;
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
 * @param input the serializer of the engine serving it, bound to the input type ({@code null} until {@link #bind})
 * @param output the same, bound to the output type
 */
public record RegisteredOperation(
        OperationDefinition<?, ?> definition,
        OperationHandler<Object, Object> handler,
        String kind,
        Type inputType,
        Type outputType,
        boolean noInput,
        OperationHandler<?, ?> built,
        Serializer.Bound input,
        Serializer.Bound output) {

    /** This operation with {@code serializer} bound to its input and output types, once per engine. */
    public RegisteredOperation bind(Serializer serializer) {
        return new RegisteredOperation(definition, handler, kind, inputType, outputType, noInput, built,
                serializer.bind(inputType), serializer.bind(outputType));
    }
}
