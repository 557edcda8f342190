package nexusrpc.api.client;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import nexusrpc.api.OperationException;
import nexusrpc.api.ServiceDefinition;

/**
 * A type-safe client for one service contract. Operations are named by method references on the contract
 * interface, e.g. {@code client.execute(MyService::echo, input)}, so input and output types are checked by the
 * compiler. Operations without input take {@code MyService::list} alone; operations without output ({@code void})
 * are named the same way and return nothing. Thread-safe.
 *
 * <p>Operations are passed as method references, for which the {@code Function} and {@code Consumer} overloads
 * are never ambiguous: a reference to a method that returns a value picks the former, a {@code void} one the
 * latter. An implicitly typed lambda would match both; pass a method reference.
 *
 * @param <S> the contract interface
 */
@SuppressWarnings("overloads") // resolved by the method reference's return type, see above
public interface ServiceClient<S> {
    /** The contract this client calls. */
    ServiceDefinition definition();

    /**
     * Starts the operation and waits for its result (following an asynchronous start until it finishes). The
     * options' timeout bounds the start and the wait together.
     *
     * @throws OperationException if the operation failed or was canceled
     * @throws nexusrpc.api.handler.OperationStillRunningException if the timeout passed while it still ran
     */
    <I, O> O execute(BiFunction<S, I, O> operation, I input, CallOptions options) throws OperationException;

    /** {@link #execute(BiFunction, Object, CallOptions)} with default options. */
    default <I, O> O execute(BiFunction<S, I, O> operation, I input) throws OperationException {
        return execute(operation, input, CallOptions.defaults());
    }

    /** Executes an operation that takes no input. */
    <O> O execute(Function<S, O> operation, CallOptions options) throws OperationException;

    /** Executes an operation that takes no input, with default options. */
    default <O> O execute(Function<S, O> operation) throws OperationException {
        return execute(operation, CallOptions.defaults());
    }

    /**
     * Starts the operation: a result if it finished at once, else a handle on it.
     *
     * @throws OperationException if the operation failed or was canceled during start
     */
    <I, O> StartedOperation<O> start(BiFunction<S, I, O> operation, I input, CallOptions options)
            throws OperationException;

    /** {@link #start(BiFunction, Object, CallOptions)} with default options. */
    default <I, O> StartedOperation<O> start(BiFunction<S, I, O> operation, I input) throws OperationException {
        return start(operation, input, CallOptions.defaults());
    }

    /** Starts an operation that takes no input. */
    <O> StartedOperation<O> start(Function<S, O> operation, CallOptions options) throws OperationException;

    /** A handle on an operation started earlier, from its token. */
    <I, O> OperationHandle<O> handle(BiFunction<S, I, O> operation, String token);

    /** A handle on an operation without input started earlier, from its token. */
    <O> OperationHandle<O> handle(Function<S, O> operation, String token);

    /** {@link #start(Function, CallOptions)} with default options. */
    default <O> StartedOperation<O> start(Function<S, O> operation) throws OperationException {
        return start(operation, CallOptions.defaults());
    }

    // Operations without output ({@code void} in the contract): a void method reference is not a Function, so
    // these overloads take consumers. For a method that returns a value the Function overloads are chosen.

    /**
     * Executes an operation without output, e.g. {@code client.execute(MyService::notify, input)}.
     *
     * @throws OperationException if the operation failed or was canceled
     */
    <I> void execute(BiConsumer<S, I> operation, I input, CallOptions options) throws OperationException;

    /** {@link #execute(BiConsumer, Object, CallOptions)} with default options. */
    default <I> void execute(BiConsumer<S, I> operation, I input) throws OperationException {
        execute(operation, input, CallOptions.defaults());
    }

    /** Executes an operation with neither input nor output. */
    void execute(Consumer<S> operation, CallOptions options) throws OperationException;

    /** Executes an operation with neither input nor output, with default options. */
    default void execute(Consumer<S> operation) throws OperationException {
        execute(operation, CallOptions.defaults());
    }

    /** Starts an operation without output. */
    <I> StartedOperation<Void> start(BiConsumer<S, I> operation, I input, CallOptions options)
            throws OperationException;

    /** {@link #start(BiConsumer, Object, CallOptions)} with default options. */
    default <I> StartedOperation<Void> start(BiConsumer<S, I> operation, I input) throws OperationException {
        return start(operation, input, CallOptions.defaults());
    }

    /** Starts an operation with neither input nor output. */
    StartedOperation<Void> start(Consumer<S> operation, CallOptions options) throws OperationException;

    /** Starts an operation with neither input nor output, with default options. */
    default StartedOperation<Void> start(Consumer<S> operation) throws OperationException {
        return start(operation, CallOptions.defaults());
    }

    /** A handle on an operation without output started earlier, from its token. */
    <I> OperationHandle<Void> handle(BiConsumer<S, I> operation, String token);

    /** A handle on an operation with neither input nor output started earlier, from its token. */
    OperationHandle<Void> handle(Consumer<S> operation, String token);
}
