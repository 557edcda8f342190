package arch.tests.kind.internal;

import arch.tests.kind.EchoTwice;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationException;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;

/**
 * An operation kind that lives outside the SDK: it recognizes {@link EchoTwice}, checks the method's signature
 * and serves the operation synchronously with the method's result repeated twice. It exists to prove that a
 * kind from its own module plugs into {@code nexusrpc.handler} through {@code provides} (module path) and
 * {@code META-INF/services} (class path) alone.
 */
public final class EchoTwiceOperationKind implements OperationKind {
    @Override
    public String spiVersion() {
        return OperationKind.SPI_VERSION;
    }

    private static final MethodType STRING_TO_STRING = MethodType.methodType(String.class, String.class);

    /** Creates the kind (ServiceLoader). */
    public EchoTwiceOperationKind() {}

    @Override
    public Class<? extends Annotation> annotation() {
        return EchoTwice.class;
    }

    @Override
    public OperationHandler<?, ?> createHandler(OperationBinding binding) {
        Method m = binding.method();
        List<String> problems = new ArrayList<>();
        if (m.getParameterCount() != 1 || m.getParameterTypes()[0] != String.class
                || m.getReturnType() != String.class) {
            problems.add(binding.describeMethod() + " must have the shape String " + m.getName()
                    + "(String input) to be an @EchoTwice operation");
        } else {
            problems.addAll(binding.typeMismatches(String.class, String.class));
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(m.getDeclaringClass().getName(), problems);
        }
        return new EchoTwiceHandler(binding.invoker().asType(STRING_TO_STRING));
    }

    /** Serves one {@code @EchoTwice} operation; only {@code start} is supported. */
    private static final class EchoTwiceHandler implements OperationHandler<String, String> {
        private final MethodHandle target;

        EchoTwiceHandler(MethodHandle target) {
            this.target = target;
        }

        @Override
        public StartResult<String> start(OperationContext ctx, StartOptions options, String input)
                throws OperationException {
            String once;
            try {
                once = (String) target.invokeExact(input);
            } catch (OperationException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                // a checked exception declared by the user's method: the engine maps it to INTERNAL
                throw new IllegalStateException("@EchoTwice method failed", t);
            }
            return StartResult.sync(once + " " + once);
        }
    }
}
