package nexusrpc.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import nexusrpc.api.OperationException;
import nexusrpc.api.handler.OperationContext;

/**
 * An implementation method in the parameter shape most kinds share: {@code (OperationContext ctx, I input)},
 * {@code (I input)}, {@code (OperationContext ctx)} or {@code ()}. Checked once at registration and adapted to
 * one {@code (OperationContext, Object) -> Object} method handle, so each request is a single {@code
 * invokeExact} and kinds do not each rewrite the same adaptation.
 *
 * <p>A kind checks the return type itself (with {@link OperationBinding#outputMismatch}), adds those problems to
 * {@link #problems()}, and builds its handler only when there are none. Immutable and thread-safe.
 */
public final class StartMethod {
    private static final MethodType UNIFORM =
            MethodType.methodType(Object.class, OperationContext.class, Object.class);

    private final String where;
    private final Type inputType;
    private final List<String> problems;
    private final MethodHandle target;

    private StartMethod(String where, Type inputType, List<String> problems, MethodHandle target) {
        this.where = where;
        this.inputType = inputType;
        this.problems = List.copyOf(problems);
        this.target = target;
    }

    /**
     * Checks the parameters of the binding's method: their shape, and the input type against the contract.
     *
     * @param kindName the kind's name for messages, e.g. {@code @SyncOperation}
     */
    public static StartMethod inspect(OperationBinding binding, String kindName) {
        Method m = binding.method();
        Class<?>[] params = m.getParameterTypes();
        boolean hasContext = params.length > 0 && params[0] == OperationContext.class;
        int inputs = params.length - (hasContext ? 1 : 0);
        List<String> problems = new ArrayList<>(1);
        if (inputs > 1) {
            problems.add(binding.describeMethod() + " has " + params.length + " parameters: a " + kindName
                    + " method takes (OperationContext ctx, I input), (I input), (OperationContext ctx) or nothing");
            return new StartMethod(binding.describeMethod(), void.class, problems, null);
        }
        Type input = inputs == 1 ? m.getGenericParameterTypes()[hasContext ? 1 : 0] : void.class;
        binding.inputMismatch(input).ifPresent(problems::add);
        MethodHandle h = binding.invoker();
        if (!hasContext) {
            h = MethodHandles.dropArguments(h, 0, OperationContext.class);
        }
        if (inputs == 0) {
            h = MethodHandles.dropArguments(h, 1, Object.class);
        }
        return new StartMethod(binding.describeMethod(), input, problems, h.asType(UNIFORM));
    }

    /** What does not fit, one sentence each naming the method and what to change; empty when it fits. */
    public List<String> problems() {
        return problems;
    }

    /** The declared input type, {@code void.class} for a method without input. */
    public Type inputType() {
        return inputType;
    }

    /** {@code Class.method}, for messages. */
    public String where() {
        return where;
    }

    /**
     * Calls the method.
     *
     * @return what it returned
     * @throws OperationException as thrown by the method; unchecked exceptions pass unchanged; a checked exception
     *     the method declared is wrapped in {@link UndeclaredThrowableException}, so the dispatcher logs it and
     *     answers {@code INTERNAL} without passing its message (which may hold internals) to the caller
     * @throws IllegalStateException if called although {@link #problems()} is not empty
     */
    public Object call(OperationContext ctx, Object input) throws OperationException {
        if (target == null) {
            throw new IllegalStateException(where + " does not fit its kind: " + problems);
        }
        try {
            return (Object) target.invokeExact(ctx, input);
        } catch (OperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new UndeclaredThrowableException(t, where + " threw a checked exception");
        }
    }
}
