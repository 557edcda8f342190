package nexusrpc.handler.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;

/**
 * The fully manual style: an {@link OperationImpl} method is a factory, called once here, whose {@link
 * OperationHandler} serves all four verbs.
 */
public final class ManualOperationKind implements OperationKind {
    /** Creates the kind (ServiceLoader). */
    public ManualOperationKind() {}

    @Override
    public Class<? extends Annotation> annotation() {
        return OperationImpl.class;
    }

    @Override
    public OperationHandler<?, ?> createHandler(OperationBinding binding) {
        String where = binding.describeMethod();
        List<String> problems = new ArrayList<>();
        if (binding.method().getParameterCount() != 0) {
            problems.add(where + " takes parameters: an @OperationImpl method is a factory without parameters"
                    + " that returns OperationHandler<I, O>; pass dependencies through the class's constructor");
        }
        Type ret = binding.method().getGenericReturnType();
        if (!(ret instanceof ParameterizedType)
                || ((ParameterizedType) ret).getRawType() != OperationHandler.class) {
            problems.add(where + " returns " + ret.getTypeName() + ": an @OperationImpl method must return"
                    + " OperationHandler<" + binding.operation().inputType().getTypeName() + ", "
                    + binding.operation().outputType().getTypeName() + ">");
        } else {
            Type[] args = ((ParameterizedType) ret).getActualTypeArguments();
            Type in = binding.operation().hasNoInput() && args[0] == Void.class ? void.class : args[0];
            Type out = binding.operation().hasNoOutput() && args[1] == Void.class ? void.class : args[1];
            problems.addAll(binding.typeMismatches(in, out));
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(binding.method().getDeclaringClass().getName(), problems);
        }
        Object handler;
        try {
            handler = binding.invoker().invoke();
        } catch (Throwable t) {
            throw new InvalidContractException(binding.method().getDeclaringClass().getName(),
                    List.of(where + " threw " + t + " when called at registration: the factory must return a"
                            + " handler"));
        }
        if (handler == null) {
            throw new InvalidContractException(binding.method().getDeclaringClass().getName(),
                    List.of(where + " returned null: return the OperationHandler for operation \""
                            + binding.operation().name() + "\""));
        }
        return (OperationHandler<?, ?>) handler;
    }
}
