package nexusrpc.handler.internal;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationException;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;

/**
 * The shorthand style: a {@link SyncOperation} method is the {@code start} of a synchronous operation; the
 * other verbs answer {@code NOT_IMPLEMENTED}.
 */
public final class SyncOperationKind implements OperationKind {
    private static final MethodType UNIFORM = MethodType.methodType(Object.class, OperationContext.class, Object.class);

    /** Creates the kind (ServiceLoader). */
    public SyncOperationKind() {}

    @Override
    public Class<? extends Annotation> annotation() {
        return SyncOperation.class;
    }

    @Override
    public OperationHandler<?, ?> createHandler(OperationBinding binding) {
        Method m = binding.method();
        String where = binding.describeMethod();
        Class<?>[] params = m.getParameterTypes();
        Type[] generic = m.getGenericParameterTypes();
        boolean hasContext = params.length > 0 && params[0] == OperationContext.class;
        int inputs = params.length - (hasContext ? 1 : 0);
        List<String> problems = new ArrayList<>();
        if (inputs > 1) {
            problems.add(where + " has " + params.length + " parameters: a @SyncOperation method takes"
                    + " (OperationContext ctx, I input), (I input), (OperationContext ctx) or nothing");
        } else {
            Type input = inputs == 1 ? generic[hasContext ? 1 : 0] : void.class;
            problems.addAll(binding.typeMismatches(input, m.getGenericReturnType()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(m.getDeclaringClass().getName(), problems);
        }
        return new SyncHandler(uniform(binding.invoker(), hasContext, inputs == 1));
    }

    /** Adapts the bound method to {@code (OperationContext, Object) -> Object} once, so each call is invokeExact. */
    private static MethodHandle uniform(MethodHandle bound, boolean hasContext, boolean hasInput) {
        MethodHandle h = bound;
        if (!hasContext) {
            h = MethodHandles.dropArguments(h, 0, OperationContext.class);
        }
        if (!hasInput) {
            h = MethodHandles.dropArguments(h, 1, Object.class);
        }
        return h.asType(UNIFORM);
    }

    /** The handler of one sync operation. */
    private static final class SyncHandler implements OperationHandler<Object, Object> {
        private final MethodHandle target;

        SyncHandler(MethodHandle target) {
            this.target = target;
        }

        @Override
        public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                throws OperationException {
            Object result;
            try {
                result = (Object) target.invokeExact(ctx, input);
            } catch (OperationException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                // a checked exception the method declared: an unexpected failure, so the dispatcher logs it and
                // answers INTERNAL without passing its message (which may hold internals) to the caller
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new UndeclaredThrowableException(t, "a @SyncOperation method threw a checked exception");
            }
            return StartResult.sync(result);
        }
    }
}
