package nexusrpc.handler.internal;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    @Override
    public String spiVersion() {
        return OperationKind.SPI_VERSION;
    }

    /** Creates the kind (ServiceLoader). */
    public ManualOperationKind() {}

    @Override
    public Class<? extends Annotation> annotation() {
        return OperationImpl.class;
    }

    /**
     * The input and output types an {@code OperationHandler} return type fixes: {@code OperationHandler<A, B>}
     * itself, or a class or interface implementing it with concrete arguments (e.g. {@code EchoOperation implements
     * OperationHandler<EchoInput, EchoOutput>}). {@code null} if they are not fixed (raw, wildcards, type
     * variables).
     */
    static Type[] handlerTypeArguments(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> inner = new HashMap<>();
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                Type a = args[i] instanceof TypeVariable<?> ? bindings.get(args[i]) : args[i];
                if (a != null) {
                    inner.put(vars[i], a);
                }
            }
        } else if (type instanceof Class<?>) {
            raw = (Class<?>) type;
        } else {
            return null;
        }
        if (raw == OperationHandler.class) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type in = inner.get(vars[0]);
            Type out = inner.get(vars[1]);
            return concrete(in) && concrete(out) ? new Type[] {in, out} : null;
        }
        if (!OperationHandler.class.isAssignableFrom(raw)) {
            return null;
        }
        List<Type> supers = new ArrayList<>(List.of(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            supers.add(raw.getGenericSuperclass());
        }
        for (Type sup : supers) {
            Type[] found = handlerTypeArguments(sup, inner);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean concrete(Type t) {
        if (t instanceof Class<?>) {
            return true;
        }
        if (t instanceof ParameterizedType) {
            for (Type a : ((ParameterizedType) t).getActualTypeArguments()) {
                if (!concrete(a)) {
                    return false;
                }
            }
            return true;
        }
        return t instanceof GenericArrayType && concrete(((GenericArrayType) t).getGenericComponentType());
    }

    /** The factory's own exception stays the cause: its stack trace shows where the factory failed. */
    private static InvalidContractException factoryFailed(OperationBinding binding, String where, Throwable t) {
        InvalidContractException e = new InvalidContractException(binding.method().getDeclaringClass().getName(),
                List.of(where + " threw " + t + " when called at registration: the factory must return a handler"));
        e.initCause(t);
        return e;
    }

    private static String boxedName(Type t) {
        return t == void.class ? "Void" : t instanceof Class<?> && ((Class<?>) t).isPrimitive()
                ? MethodType.methodType((Class<?>) t).wrap().returnType().getSimpleName()
                : t.getTypeName();
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
        Type[] args = handlerTypeArguments(ret, Map.of());
        if (args == null) {
            problems.add(where + " returns " + ret.getTypeName() + ": an @OperationImpl method must return"
                    + " OperationHandler<" + boxedName(binding.operation().inputType()) + ", "
                    + boxedName(binding.operation().outputType()) + "> (or a class implementing it)");
        } else {
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
            throw factoryFailed(binding, where, t);
        }
        if (handler == null) {
            throw new InvalidContractException(binding.method().getDeclaringClass().getName(),
                    List.of(where + " returned null: return the OperationHandler for operation \""
                            + binding.operation().name() + "\""));
        }
        return (OperationHandler<?, ?>) handler;
    }
}
