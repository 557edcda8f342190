package temporal.nexus.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
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

/**
 * The user method of a Temporal-backed kind, checked once at registration and adapted to a uniform {@code
 * (OperationContext, Object input) -> Object} handle, so each request is one {@code invokeExact}.
 *
 * <p>Accepted shapes: {@code R<O> op(OperationContext ctx, I input)}, {@code R<O> op(I input)}, {@code R<O>
 * op(OperationContext ctx)}, {@code R<O> op()}, where {@code R} is the kind's description type (e.g. {@code
 * WorkflowStart}) and {@code I}, {@code O} the contract operation's input and output types.
 */
public final class KindMethod {
    private static final MethodType UNIFORM = MethodType.methodType(Object.class, OperationContext.class, Object.class);

    private final MethodHandle target;
    private final String where;

    private KindMethod(MethodHandle target, String where) {
        this.target = target;
        this.where = where;
    }

    /**
     * Checks the method of {@code binding} against the shapes above.
     *
     * @param kind the kind's name for messages, e.g. {@code @WorkflowRunOperation}
     * @param description the type the method must return, e.g. {@code WorkflowStart.class}
     * @throws InvalidContractException naming every problem and what to change
     */
    public static KindMethod check(OperationBinding binding, String kind, Class<?> description) {
        Method m = binding.method();
        String where = binding.describeMethod();
        Class<?>[] params = m.getParameterTypes();
        Type[] generic = m.getGenericParameterTypes();
        boolean hasContext = params.length > 0 && params[0] == OperationContext.class;
        int inputs = params.length - (hasContext ? 1 : 0);
        String contractIn = binding.operation().inputType().getTypeName();
        String contractOut = binding.operation().hasNoOutput() ? "Void" : binding.operation().outputType().getTypeName();
        String expected = description.getSimpleName() + "<" + contractOut + ">";
        List<String> problems = new ArrayList<>();
        if (inputs > 1) {
            problems.add(where + " has " + params.length + " parameters: a " + kind + " method takes (OperationContext"
                    + " ctx, " + contractIn + " input), (" + contractIn + " input), (OperationContext ctx) or nothing");
        } else if (inputs == 0 && !binding.operation().hasNoInput()) {
            problems.add(where + " takes no input but operation \"" + binding.operation().name() + "\" of the contract"
                    + " takes " + contractIn + ": add a parameter of that type");
        }
        Type ret = m.getGenericReturnType();
        Type output = null;
        if (ret instanceof ParameterizedType && ((ParameterizedType) ret).getRawType() == description) {
            output = ((ParameterizedType) ret).getActualTypeArguments()[0];
        } else {
            problems.add(where + " returns " + ret.getTypeName() + ": a " + kind + " method returns " + expected);
        }
        if (problems.isEmpty()) {
            Type input = inputs == 1 ? generic[hasContext ? 1 : 0] : void.class;
            Type out = output == Void.class && binding.operation().hasNoOutput() ? void.class : output;
            for (String p : binding.typeMismatches(input, out)) {
                problems.add(p.replace(" returns " + out.getTypeName() + " ", " returns " + ret.getTypeName() + " "));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(m.getDeclaringClass().getName(), problems);
        }
        MethodHandle h = binding.invoker();
        if (!hasContext) {
            h = MethodHandles.dropArguments(h, 0, OperationContext.class);
        }
        if (inputs == 0) {
            h = MethodHandles.dropArguments(h, 1, Object.class);
        }
        return new KindMethod(h.asType(UNIFORM), where);
    }

    /**
     * Calls the user method.
     *
     * @return what it returned, never null
     * @throws OperationException or {@link HandlerException} as thrown by the method; other checked exceptions
     *     are wrapped unchecked, so the dispatcher answers {@code INTERNAL} without their message; a null result is a non-retryable {@code INTERNAL} error (a bug to fix)
     */
    public Object invoke(OperationContext ctx, Object input) throws OperationException {
        Object result;
        try {
            result = (Object) target.invokeExact(ctx, input);
        } catch (OperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            // a checked exception the method declared: unexpected, so the dispatcher logs it and answers INTERNAL
            // without passing its message (which may hold internals) to the caller
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new UndeclaredThrowableException(t, where + " threw a checked exception");
        }
        if (result == null) {
            throw new HandlerException(HandlerException.ErrorType.INTERNAL, where + " returned null: it must"
                    + " describe what to start", null, RetryBehavior.NON_RETRYABLE);
        }
        return result;
    }

    /** {@code Class.method}, for messages. */
    public String where() {
        return where;
    }
}
