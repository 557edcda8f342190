package nexusrpc.handler.client;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import nexusrpc.api.Content;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.OperationException;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;

/**
 * A {@link ServiceClient} that identifies operations by method reference: the reference is applied once to a
 * recording proxy of the contract, and the operation it names is cached per lambda class, so later calls do no
 * reflection. (A lambda that captures values is applied on every call: its class alone does not fix the
 * operation.)
 */
final class TypedServiceClient<S> implements ServiceClient<S> {
    /** Per lambda class, looked at once: a capturing lambda is resolved on every call, its fields are not. */
    private static final ClassValue<Boolean> CAPTURES_NOTHING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    return false;
                }
            }
            return true;
        }
    };
    private final NexusClient client;
    private final ServiceDefinition definition;
    private final S recorder;
    private final Map<Class<?>, OperationDefinition<?, ?>> resolved = new ConcurrentHashMap<>();
    /** The zero of each primitive input type the contract uses, to apply references that cannot take null. */
    private final List<Object> primitiveZeros;

    TypedServiceClient(NexusClient client, Class<S> contract, ServiceDefinition definition) {
        this.client = client;
        this.definition = definition;
        this.primitiveZeros = primitiveZeros(definition);
        this.recorder = contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(proxy, method, args);
                    }
                    // the call is the answer: it leaves the reference at once, carrying the method it named
                    throw new Recorded(method);
                }));
    }

    @Override
    public ServiceDefinition definition() {
        return definition;
    }

    @Override
    public <I, O> O execute(BiFunction<S, I, O> operation, I input, CallOptions options) throws OperationException {
        OperationDefinition<?, ?> op = this.<I>resolve(operation, arg -> operation.apply(recorder, arg));
        return client.executeContent(definition.name(), op.name(), input(op, input), op.outputType(), options);
    }

    @Override
    public <O> O execute(Function<S, O> operation, CallOptions options) throws OperationException {
        OperationDefinition<?, ?> op = this.<Object>resolve(operation, arg -> operation.apply(recorder));
        return client.executeContent(definition.name(), op.name(), Content.empty(), op.outputType(), options);
    }

    @Override
    public <I> void execute(BiConsumer<S, I> operation, I input, CallOptions options) throws OperationException {
        OperationDefinition<?, ?> op = this.<I>resolve(operation, arg -> operation.accept(recorder, arg));
        client.executeContent(definition.name(), op.name(), input(op, input), op.outputType(), options);
    }

    @Override
    public void execute(Consumer<S> operation, CallOptions options) throws OperationException {
        OperationDefinition<?, ?> op = this.<Object>resolve(operation, arg -> operation.accept(recorder));
        client.executeContent(definition.name(), op.name(), Content.empty(), op.outputType(), options);
    }

    @Override
    public <I, O> StartedOperation<O> start(BiFunction<S, I, O> operation, I input, CallOptions options)
            throws OperationException {
        OperationDefinition<?, ?> op = this.<I>resolve(operation, arg -> operation.apply(recorder, arg));
        return start(op, input(op, input), options);
    }

    @Override
    public <O> StartedOperation<O> start(Function<S, O> operation, CallOptions options) throws OperationException {
        OperationDefinition<?, ?> op = this.<Object>resolve(operation, arg -> operation.apply(recorder));
        return start(op, Content.empty(), options);
    }

    @Override
    public <I> StartedOperation<Void> start(BiConsumer<S, I> operation, I input, CallOptions options)
            throws OperationException {
        OperationDefinition<?, ?> op = this.<I>resolve(operation, arg -> operation.accept(recorder, arg));
        return start(op, input(op, input), options);
    }

    @Override
    public StartedOperation<Void> start(Consumer<S> operation, CallOptions options) throws OperationException {
        OperationDefinition<?, ?> op = this.<Object>resolve(operation, arg -> operation.accept(recorder));
        return start(op, Content.empty(), options);
    }

    @Override
    public <I, O> OperationHandle<O> handle(BiFunction<S, I, O> operation, String token) {
        OperationDefinition<?, ?> op = this.<I>resolve(operation, arg -> operation.apply(recorder, arg));
        return client.handle(definition.name(), op.name(), token, op.outputType());
    }

    @Override
    public <O> OperationHandle<O> handle(Function<S, O> operation, String token) {
        OperationDefinition<?, ?> op = this.<Object>resolve(operation, arg -> operation.apply(recorder));
        return client.handle(definition.name(), op.name(), token, op.outputType());
    }

    @Override
    public <I> OperationHandle<Void> handle(BiConsumer<S, I> operation, String token) {
        OperationDefinition<?, ?> op = this.<I>resolve(operation, arg -> operation.accept(recorder, arg));
        return client.handle(definition.name(), op.name(), token, op.outputType());
    }

    @Override
    public OperationHandle<Void> handle(Consumer<S> operation, String token) {
        OperationDefinition<?, ?> op = this.<Object>resolve(operation, arg -> operation.accept(recorder));
        return client.handle(definition.name(), op.name(), token, op.outputType());
    }

    private Content input(OperationDefinition<?, ?> op, Object input) {
        return client.serializer().serialize(input, op.inputType());
    }

    private <O> StartedOperation<O> start(OperationDefinition<?, ?> op, Content input, CallOptions options)
            throws OperationException {
        return client.startContent(definition.name(), op.name(), input, op.outputType(), options,
                NexusClient.deadlineOf(options));
    }

    /**
     * The operation a method reference names, found by applying it once to the recording proxy. The reference
     * is applied with a {@code null} input; a reference to an operation with a primitive input cannot take
     * {@code null} (unboxing fails), so it is tried again with a zero of each primitive input type the contract
     * uses.
     */
    @SuppressWarnings("unchecked")
    private <I> OperationDefinition<?, ?> resolve(Object reference, Consumer<I> applyToRecorder) {
        OperationDefinition<?, ?> op = resolved.get(reference.getClass());
        if (op != null) {
            return op;
        }
        Method m = record(applyToRecorder, null);
        for (Iterator<Object> zeros = primitiveZeros.iterator(); m == null && zeros.hasNext(); ) {
            m = record(applyToRecorder, (I) zeros.next());
        }
        if (m == null) {
            throw new IllegalArgumentException("the operation reference does not call a method of "
                    + definition.contract().getSimpleName() + ": pass a method reference such as "
                    + definition.contract().getSimpleName() + "::"
                    + definition.operations().iterator().next().javaName());
        }
        String name = m.getName();
        OperationDefinition<?, ?> found = definition.operationByJavaName(name).orElseThrow(() ->
                new IllegalArgumentException(name + " is not an @Operation of " + definition.name()));
        if (CAPTURES_NOTHING.get(reference.getClass())) {
            // a method reference such as MyService::echo always names the same operation; a lambda that captures
            // values might pick another one next time, so it is resolved again on every call
            resolved.put(reference.getClass(), found);
        }
        return found;
    }

    private <I> Method record(Consumer<I> applyToRecorder, I argument) {
        try {
            applyToRecorder.accept(argument);
        } catch (Recorded r) {
            return r.method;
        } catch (RuntimeException e) {
            // unboxing a null, or a wrong zero type: the caller tries another argument or reports the reference
        }
        return null;
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "recorder";
        }
    }

    /**
     * Thrown by the recorder proxy to hand the called method back to {@link #record}: an explicit return path
     * instead of per-thread state. Stackless, so recording costs no stack walk.
     */
    private static final class Recorded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Method method;

        Recorded(Method method) {
            super(null, null, false, false);
            this.method = method;
        }
    }

    private static List<Object> primitiveZeros(ServiceDefinition definition) {
        List<Object> zeros = new ArrayList<>();
        for (OperationDefinition<?, ?> op : definition.operations()) {
            if (op.inputType() instanceof Class<?> c && c.isPrimitive() && c != void.class) {
                Object zero = defaultValue(c);
                if (!zeros.contains(zero)) {
                    zeros.add(zero);
                }
            }
        }
        return List.copyOf(zeros);
    }

    private static Object defaultValue(Class<?> t) {
        if (!t.isPrimitive() || t == void.class) {
            return null;
        }
        if (t == boolean.class) {
            return false;
        }
        if (t == char.class) {
            return '\0';
        }
        if (t == long.class) {
            return 0L;
        }
        if (t == float.class) {
            return 0f;
        }
        if (t == double.class) {
            return 0d;
        }
        if (t == byte.class) {
            return (byte) 0;
        }
        if (t == short.class) {
            return (short) 0;
        }
        return 0;
    }

    @Override
    public String toString() {
        return "ServiceClient[" + definition.name() + "]";
    }
}
