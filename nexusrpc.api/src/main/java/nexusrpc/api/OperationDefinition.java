package nexusrpc.api;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * One operation of a service contract: its Nexus name, the Java method that declares it, and its input and
 * output types (generic-aware).
 *
 * @param name the Nexus operation name
 * @param javaName the name of the Java method that declares the operation
 * @param inputType the input type, {@code void.class} for an operation without input
 * @param outputType the output type, {@code void.class} for an operation without result
 * @param method the declaring contract method, or {@code null} for contracts not read from a Java interface
 * @param <I> the input type
 * @param <O> the output type
 */
public record OperationDefinition<I, O>(String name, String javaName, Type inputType, Type outputType, Method method) {
    /** Checks that the required parts are present. */
    public OperationDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaName, "javaName");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(outputType, "outputType");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an operation name must not be empty (Java method " + javaName + ")");
        }
    }

    /** Whether the operation takes no input. */
    public boolean hasNoInput() {
        return inputType == void.class || inputType == Void.class;
    }

    /** Whether the operation produces no result. */
    public boolean hasNoOutput() {
        return outputType == void.class || outputType == Void.class;
    }
}
