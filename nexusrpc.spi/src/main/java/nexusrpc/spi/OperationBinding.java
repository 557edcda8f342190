package nexusrpc.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.ServiceDefinition;

/**
 * Everything an {@link OperationKind} needs to build one operation's handler, resolved once by the engine.
 *
 * @param service the contract the implementation is registered for
 * @param operation the contract operation the method implements
 * @param instance the service implementation instance
 * @param method the annotated implementation method (for signature checks and messages)
 * @param invoker a method handle of {@code method}, already bound to {@code instance}: call it with the
 *     method's arguments only. Resolved with the access the user granted, so kinds need no reflection of their
 *     own
 */
public record OperationBinding(
        ServiceDefinition service,
        OperationDefinition<?, ?> operation,
        Object instance,
        Method method,
        MethodHandle invoker) {
    /** Checks that all parts are present. */
    public OperationBinding {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(invoker, "invoker");
    }

    /** {@code SimpleClassName.method}, for messages. */
    public String describeMethod() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    /**
     * Compares the implementation's input and output types with the contract's (generic-aware; a primitive
     * equals its box) and describes every difference; empty when they agree.
     *
     * @param implInput the input type the implementation accepts, {@code void.class} for none
     * @param implOutput the output type the implementation produces, {@code void.class} for none
     */
    public List<String> typeMismatches(Type implInput, Type implOutput) {
        List<String> problems = new ArrayList<>(2);
        inputMismatch(implInput).ifPresent(problems::add);
        outputMismatch(implOutput).ifPresent(problems::add);
        return problems;
    }

    /**
     * Compares the implementation's input type with the contract's, as {@link #typeMismatches} does.
     *
     * @param implInput the input type the implementation accepts, {@code void.class} for none
     * @return the difference, naming the method and what to change; empty when they agree
     */
    public Optional<String> inputMismatch(Type implInput) {
        if (sameType(implInput, operation.inputType())) {
            return Optional.empty();
        }
        String op = "operation \"" + operation.name() + "\" of the contract";
        if (isVoid(implInput)) {
            return Optional.of(describeMethod() + " takes no input but " + op + " takes "
                    + operation.inputType().getTypeName() + ": add a parameter of that type");
        }
        if (operation.hasNoInput()) {
            return Optional.of(describeMethod() + " takes input " + implInput.getTypeName() + " but " + op
                    + " takes no input: remove the parameter");
        }
        return Optional.of(describeMethod() + " takes input " + implInput.getTypeName() + " but " + op + " takes "
                + operation.inputType().getTypeName() + ": make the types equal");
    }

    /**
     * Compares the implementation's output type with the contract's, as {@link #typeMismatches} does.
     *
     * @param implOutput the output type the implementation produces, {@code void.class} for none
     * @return the difference, naming the method and what to change; empty when they agree
     */
    public Optional<String> outputMismatch(Type implOutput) {
        if (sameType(implOutput, operation.outputType())) {
            return Optional.empty();
        }
        String op = "operation \"" + operation.name() + "\" of the contract";
        if (isVoid(implOutput)) {
            return Optional.of(describeMethod() + " returns nothing but " + op + " returns "
                    + operation.outputType().getTypeName() + ": return that type");
        }
        if (operation.hasNoOutput()) {
            return Optional.of(describeMethod() + " returns " + implOutput.getTypeName() + " but " + op
                    + " returns nothing (void): return void");
        }
        return Optional.of(describeMethod() + " returns " + implOutput.getTypeName() + " but " + op + " returns "
                + operation.outputType().getTypeName() + ": make the types equal");
    }

    private static boolean isVoid(Type t) {
        return t == void.class || t == Void.class;
    }

    /** Whether two declared types are the same, treating a primitive and its box (and void/Void) as equal. */
    public static boolean sameType(Type a, Type b) {
        return box(a).equals(box(b));
    }

    private static Type box(Type t) {
        if (t instanceof Class<?> && ((Class<?>) t).isPrimitive()) {
            return MethodType.methodType((Class<?>) t).wrap().returnType();
        }
        return t;
    }
}
