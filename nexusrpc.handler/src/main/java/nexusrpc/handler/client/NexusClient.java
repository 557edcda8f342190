package nexusrpc.handler.client;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.FailureException;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.Serializer;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.JacksonSerializer;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.handler.internal.ContractCache;

/**
 * A caller over any {@link NexusEndpoint}: typed clients for {@code @Service} contracts ({@link #client(Class)}) and
 * untyped calls by name. The same client code reaches a local {@code NexusHandler} (tests) or a remote endpoint
 * (HTTP). Thread-safe.
 */
public final class NexusClient {
    /** How long one fetchResult long poll waits while {@code execute} follows an asynchronous operation. */
    static final Duration POLL_WAIT = Duration.ofSeconds(30);

    /** The endpoint as given, for {@link #endpoint()}. */
    private final NexusEndpoint target;
    /** What calls go through: the endpoint, observed when an observer was given. */
    private final NexusEndpoint endpoint;
    private final Serializer serializer;
    private final Map<Class<?>, ServiceClient<?>> typedClients = new ConcurrentHashMap<>();

    private NexusClient(NexusEndpoint endpoint, Serializer serializer, TransportObserver observer) {
        this.target = endpoint;
        this.endpoint = observer == TransportObserver.NONE ? endpoint : new ObservedEndpoint(endpoint, observer);
        this.serializer = serializer;
    }

    /** A client over {@code endpoint} with the Jackson serializer. */
    public static NexusClient create(NexusEndpoint endpoint) {
        return builder(endpoint).build();
    }

    /** A client over {@code endpoint} with the given serializer. */
    public static NexusClient create(NexusEndpoint endpoint, Serializer serializer) {
        return builder(endpoint).serializer(serializer).build();
    }

    /** A builder of a client over {@code endpoint} (a local {@code NexusHandler} or a remote endpoint). */
    public static Builder builder(NexusEndpoint endpoint) {
        return new Builder(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** The endpoint this client calls. */
    public NexusEndpoint endpoint() {
        return target;
    }

    /** The serializer of inputs and results. */
    public Serializer serializer() {
        return serializer;
    }

    /**
     * A typed client for a contract interface.
     *
     * @throws nexusrpc.api.InvalidContractException if the interface is not a valid contract
     */
    @SuppressWarnings("unchecked")
    public <S> ServiceClient<S> client(Class<S> contract) {
        // one client per contract: its proxy and resolved method references are reused by every call
        return (ServiceClient<S>) typedClients.computeIfAbsent(Objects.requireNonNull(contract, "contract"),
                c -> new TypedServiceClient<>(this, contract, ContractCache.definition(contract)));
    }

    /**
     * Starts an operation by name: the result if it finished at once, else a handle on it.
     *
     * @param outputType the type to deserialize the result to
     * @throws OperationException if the operation failed or was canceled
     * @throws nexusrpc.api.HandlerException if the request failed
     */
    public <O> StartedOperation<O> start(
            String service, String operation, Object input, Type outputType, CallOptions options)
            throws OperationException {
        Content content = serializer.serialize(input, input == null ? Object.class : input.getClass());
        return startContent(service, operation, content, outputType, options, deadlineOf(options));
    }

    /**
     * Starts an operation by name and waits for its result; the options' timeout bounds the start and the wait
     * together.
     *
     * @throws OperationException if the operation failed or was canceled
     * @throws OperationStillRunningException if the timeout passed while it still ran
     */
    public <O> O execute(String service, String operation, Object input, Type outputType, CallOptions options)
            throws OperationException {
        Content content = serializer.serialize(input, input == null ? Object.class : input.getClass());
        return executeContent(service, operation, content, outputType, options);
    }

    /** A handle on an operation started earlier. */
    public <O> OperationHandle<O> handle(String service, String operation, String token, Type outputType) {
        return new Handle<>(service, operation, token, outputType, Headers.empty());
    }

    /**
     * Starts an operation and waits for its result. The timeout bounds the whole call: the start and every poll
     * after it carry one deadline, counted once from here.
     */
    <O> O executeContent(String service, String operation, Content input, Type outputType, CallOptions options)
            throws OperationException {
        Instant deadline = deadlineOf(options);
        return await(startContent(service, operation, input, outputType, options, deadline), deadline);
    }

    <O> StartedOperation<O> startContent(String service, String operation, Content input, Type outputType,
            CallOptions options, Instant deadline) throws OperationException {
        CallOptions o = options == null ? CallOptions.defaults() : options;
        StartRequest request = StartRequest.builder(service, operation)
                .headers(o.headers())
                .requestId(o.requestId() == null ? UUID.randomUUID().toString() : o.requestId())
                .callbackUrl(o.callbackUrl())
                .callbackHeaders(o.callbackHeaders())
                .links(o.links())
                .deadline(deadline)
                .input(input)
                .build();
        StartOutcome outcome = endpoint.start(request);
        return outcome.accept(new StartOutcome.Visitor<Answer<StartedOperation<O>>>() {
            @Override
            @SuppressWarnings("unchecked")
            public Answer<StartedOperation<O>> sync(StartOutcome.Sync sync) {
                O value = (O) serializer.deserialize(sync.result(), outputType);
                return Answer.of(new StartedOperation.Completed<>(value, sync.links()));
            }

            @Override
            public Answer<StartedOperation<O>> async(StartOutcome.Async async) {
                // the handle's requests carry the start's headers (e.g. authorization) to the same endpoint
                return Answer.of(new StartedOperation.Running<>(
                        new Handle<>(service, operation, async.token(), outputType, o.headers()), async.links()));
            }

            @Override
            public Answer<StartedOperation<O>> operationFailure(OperationFailure failure) {
                return Answer.failed(failure);
            }

            @Override
            public Answer<StartedOperation<O>> handlerError(HandlerError error) {
                return Answer.failed(error);
            }

            @Override
            public Answer<StartedOperation<O>> deadlineExceeded(DeadlineExceeded deadline) {
                return Answer.failed(deadline.asHandlerError());
            }
        }).get();
    }

    /** When a call with these options stops waiting, counted from now; {@code null} for never. */
    static Instant deadlineOf(CallOptions options) {
        return options == null || options.timeout() == null ? null : Instant.now().plus(options.timeout());
    }

    /** The result of a started operation, following an asynchronous one until {@code deadline}. */
    <O> O await(StartedOperation<O> started, Instant deadline) throws OperationException {
        if (started instanceof StartedOperation.Completed) {
            return ((StartedOperation.Completed<O>) started).value();
        }
        OperationHandle<O> handle = started.handle();
        while (true) {
            Duration wait = POLL_WAIT;
            if (deadline != null) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw new OperationStillRunningException();
                }
                wait = left.compareTo(wait) < 0 ? left : wait;
            }
            try {
                // a handle of ours sends the deadline with the poll, so a transport that waits longer than asked
                // (e.g. a long poll's network slack) still gives up at the deadline
                return handle instanceof Handle<O> h ? h.result(wait, deadline) : handle.result(wait);
            } catch (OperationStillRunningException e) {
                // poll again until the deadline
            }
        }
    }

    /**
     * What a verb gave the caller: a value, or the failed outcome it turns into an exception. Visitors return it
     * because they cannot throw the checked {@link OperationException}.
     */
    private static final class Answer<T> {
        private final T value;
        private final OperationException operationFailed;
        private final HandlerException requestFailed;

        private Answer(T value, OperationException operationFailed, HandlerException requestFailed) {
            this.value = value;
            this.operationFailed = operationFailed;
            this.requestFailed = requestFailed;
        }

        static <T> Answer<T> of(T value) {
            return new Answer<>(value, null, null);
        }

        /**
         * The exception a caller sees, rebuilt from the failure as it would arrive over the wire: the message and
         * cause chain the handler sent, never the handler's own exception objects (so a test through a local
         * handler sees what a remote caller sees).
         */
        static <T> Answer<T> failed(OperationFailure f) {
            return new Answer<>(null, new OperationException(f.state(), f.failure().message(),
                    causeOf(f.failure())), null);
        }

        static <T> Answer<T> failed(HandlerError e) {
            return new Answer<>(null, null, rehydrate(e));
        }

        /** The value, or the failure thrown. */
        T get() throws OperationException {
            if (operationFailed != null) {
                throw operationFailed;
            }
            if (requestFailed != null) {
                throw requestFailed;
            }
            return value;
        }
    }

    private static HandlerException rehydrate(HandlerError e) {
        HandlerException sent = e.exception();
        return new HandlerException(sent.type(), sent.rawType(), e.failure().message(), causeOf(e.failure()),
                sent.retryBehavior());
    }

    private static FailureException causeOf(Failure failure) {
        return failure.cause() == null ? null : new FailureException(failure.cause());
    }

    /** A handle on an asynchronous operation, over the endpoint. */
    private final class Handle<O> implements OperationHandle<O> {
        private final String service;
        private final String operation;
        private final String token;
        private final Type outputType;
        private final Headers headers;

        Handle(String service, String operation, String token, Type outputType, Headers headers) {
            this.service = service;
            this.operation = operation;
            this.token = token;
            this.outputType = outputType;
            this.headers = headers;
        }

        private TokenRequest request(Instant deadline) {
            return TokenRequest.builder(service, operation, token).headers(headers).deadline(deadline).build();
        }

        @Override
        public String service() {
            return service;
        }

        @Override
        public String operation() {
            return operation;
        }

        @Override
        public String token() {
            return token;
        }

        @Override
        public OperationInfo info() {
            return endpoint.fetchInfo(request(null)).accept(new FetchInfoOutcome.Visitor<OperationInfo>() {
                @Override
                public OperationInfo info(FetchInfoOutcome.Info info) {
                    return info.info();
                }

                @Override
                public OperationInfo operationFailure(OperationFailure failure) {
                    // the handler reported the outcome as a failure rather than as info: the state is what we know
                    return new OperationInfo(token, failure.state());
                }

                @Override
                public OperationInfo handlerError(HandlerError error) {
                    throw rehydrate(error);
                }

                @Override
                public OperationInfo deadlineExceeded(DeadlineExceeded deadline) {
                    throw rehydrate(deadline.asHandlerError());
                }
            });
        }

        @Override
        public O result(Duration wait) throws OperationException {
            return result(wait, null);
        }

        /** The result, waiting up to {@code wait}; the request carries {@code deadline} (or none). */
        O result(Duration wait, Instant deadline) throws OperationException {
            FetchResultOutcome outcome = endpoint.fetchResult(request(deadline), wait);
            return outcome.accept(new FetchResultOutcome.Visitor<Answer<O>>() {
                @Override
                @SuppressWarnings("unchecked")
                public Answer<O> ready(FetchResultOutcome.Ready ready) {
                    return Answer.of((O) serializer.deserialize(ready.result(), outputType));
                }

                @Override
                public Answer<O> stillRunning(FetchResultOutcome.StillRunning stillRunning) {
                    throw new OperationStillRunningException();
                }

                @Override
                public Answer<O> operationFailure(OperationFailure failure) {
                    return Answer.failed(failure);
                }

                @Override
                public Answer<O> handlerError(HandlerError error) {
                    return Answer.failed(error);
                }

                @Override
                public Answer<O> deadlineExceeded(DeadlineExceeded deadline) {
                    // a fetch whose deadline passed while the operation ran: still running, as far as we know
                    throw new OperationStillRunningException();
                }
            }).get();
        }

        @Override
        public void cancel() {
            endpoint.cancel(request(null)).accept(new CancelOutcome.Visitor<Void>() {
                @Override
                public Void accepted(CancelOutcome.Accepted accepted) {
                    return null;
                }

                @Override
                public Void handlerError(HandlerError error) {
                    throw rehydrate(error);
                }

                @Override
                public Void deadlineExceeded(DeadlineExceeded deadline) {
                    throw rehydrate(deadline.asHandlerError());
                }
            });
        }

        @Override
        public String toString() {
            return "OperationHandle[" + service + "/" + operation + ", token=" + token + "]";
        }
    }


    /** Builds a {@link NexusClient}. Not thread-safe. */
    public static final class Builder {
        private final NexusEndpoint endpoint;
        private Serializer serializer;
        private TransportObserver observer = TransportObserver.NONE;

        private Builder(NexusEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        /** The serializer of inputs and results (default {@link JacksonSerializer}). */
        public Builder serializer(Serializer s) {
            this.serializer = Objects.requireNonNull(s, "serializer");
            return this;
        }

        /**
         * Observes every request this client sends to the endpoint (default: none), e.g. {@code
         * NexusTelemetry.transportObserver()} for a client span per call and trace context in the request headers.
         * Over a local {@code NexusHandler} that is the in-memory transport's only hook; a remote endpoint's
         * transport (HTTP) reports its own attempts as well, if given an observer of its own.
         */
        public Builder observer(TransportObserver o) {
            this.observer = Objects.requireNonNull(o, "observer");
            return this;
        }

        /** The client. */
        public NexusClient build() {
            return new NexusClient(endpoint, serializer == null ? JacksonSerializer.create() : serializer, observer);
        }
    }
}
