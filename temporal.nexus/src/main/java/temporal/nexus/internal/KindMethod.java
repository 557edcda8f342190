package temporal.nexus.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import nexusrpc.api.HandlerException;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationException;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.StartMethod;

/**
 * The user method of a Temporal-backed kind, checked once at registration and adapted to a uniform {@code
 * (OperationContext, Object input) -> Object} handle, so each request is one {@code invokeExact}.
 *
 * <p>Accepted shapes: {@code R<O> op(OperationContext ctx, I input)}, {@code R<O> op(I input)}, {@code R<O>
 * op(OperationContext ctx)}, {@code R<O> op()}, where {@code R} is the kind's description type (e.g. {@code
 * WorkflowStart}) and {@code I}, {@code O} the contract operation's input and output types.
 */
public final class KindMethod {
    private final StartMethod start;

    private KindMethod(StartMethod start) {
        this.start = start;
    }

    /**
     * Checks the method of {@code binding} against the shapes above.
     *
     * @param kind the kind's name for messages, e.g. {@code @WorkflowRunOperation}
     * @param description the type the method must return, e.g. {@code WorkflowStart.class}
     * @throws InvalidContractException naming every problem and what to change
     */
    public static KindMethod check(OperationBinding binding, String kind, Class<?> description) {
        StartMethod start = StartMethod.inspect(binding, kind);
        List<String> problems = new ArrayList<>(start.problems());
        Type ret = binding.method().getGenericReturnType();
        if (ret instanceof ParameterizedType && ((ParameterizedType) ret).getRawType() == description) {
            Type output = ((ParameterizedType) ret).getActualTypeArguments()[0];
            Type out = output == Void.class && binding.operation().hasNoOutput() ? void.class : output;
            // name the declared return type (WorkflowStart<X>), not just its type argument
            binding.outputMismatch(out).ifPresent(p -> problems.add(
                    p.replace(" returns " + out.getTypeName() + " ", " returns " + ret.getTypeName() + " ")));
        } else {
            String contractOut = binding.operation().hasNoOutput()
                    ? "Void"
                    : binding.operation().outputType().getTypeName();
            problems.add(binding.describeMethod() + " returns " + ret.getTypeName() + ": a " + kind
                    + " method returns " + description.getSimpleName() + "<" + contractOut + ">");
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(binding.method().getDeclaringClass().getName(), problems);
        }
        return new KindMethod(start);
    }

    /**
     * Calls the user method.
     *
     * @return what it returned, never null
     * @throws OperationException or {@link HandlerException} as thrown by the method; other checked exceptions
     *     are wrapped unchecked, so the dispatcher answers {@code INTERNAL} without their message; a null result
     *     is a non-retryable {@code INTERNAL} error (a bug to fix)
     */
    public Object invoke(OperationContext ctx, Object input) throws OperationException {
        Object result = start.call(ctx, input);
        if (result == null) {
            throw new HandlerException(HandlerException.ErrorType.INTERNAL, start.where() + " returned null: it"
                    + " must describe what to start", null, RetryBehavior.NON_RETRYABLE);
        }
        return result;
    }

    /** {@code Class.method}, for messages. */
    public String where() {
        return start.where();
    }
}
