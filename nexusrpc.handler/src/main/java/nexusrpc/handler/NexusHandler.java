package nexusrpc.handler;

import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.SerializationException;
import nexusrpc.api.Serializer;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.internal.Deadlines;
import nexusrpc.handler.internal.Failures;
import nexusrpc.handler.internal.PluginLoader;
import nexusrpc.handler.internal.Registrar;
import nexusrpc.handler.internal.RegisteredOperation;
import nexusrpc.handler.internal.RegisteredService;
import nexusrpc.handler.internal.RequestContext;
import nexusrpc.spi.ContractReader;
import nexusrpc.spi.OperationKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher: serves registered service implementations to any transport through four transport-neutral
 * verbs.
 *
 * <p>Built once with {@link #builder()}: operation kinds are found with {@link ServiceLoader}, every
 * implementation is checked against its contract (all problems reported at once), method handles are resolved
 * and middleware applied. After that the routing table is immutable: no reflection and no locks per request.
 * Thread-safe.
 *
 * <p>Error mapping: unknown service or operation gives {@code NOT_FOUND}; undecodable input {@code BAD_REQUEST}
 * (not retried); {@link OperationException} an {@link OperationFailure}; {@link HandlerException} a {@link
 * HandlerError} of its type; anything else is logged and becomes {@code INTERNAL} without details (stack traces
 * are sent only with {@link Builder#includeStackTraces(boolean)}).
 *
 * <p>Deadlines: when a request has a deadline, the call's {@link Cancellation} is cancelled as it passes (at once
 * if it already has), so handlers see the same signal whatever the transport.
 */
public final class NexusHandler implements NexusEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(NexusHandler.class);
    private static final FetchInfoOptions FETCH_INFO_OPTIONS = new FetchInfoOptions();
    private static final CancelOptions CANCEL_OPTIONS = new CancelOptions();
    private static final CancelOutcome.Accepted ACCEPTED = new CancelOutcome.Accepted();
    private static final FetchResultOutcome.StillRunning STILL_RUNNING = new FetchResultOutcome.StillRunning();

    private final Map<String, RegisteredService> services;
    /**
     * The routing table, copied into plain private {@link HashMap}s: lookups through the registrar's unmodifiable
     * views went through a call site shared with every other unmodifiable map in the JVM, which the JIT could not
     * inline (about a tenth of a small call's dispatch time).
     */
    private final HashMap<String, HashMap<String, RegisteredOperation>> routes;
    private final Serializer serializer;
    private final boolean includeStackTraces;

    private NexusHandler(Map<String, RegisteredService> services, Serializer serializer, boolean stacks) {
        this.services = services;
        this.routes = new HashMap<>();
        services.forEach((name, s) -> routes.put(name, new HashMap<>(s.operations())));
        this.serializer = serializer;
        this.includeStackTraces = stacks;
    }

    /** A builder with the Jackson serializer and the kinds found on the module path or class path. */
    public static Builder builder() {
        return new Builder();
    }

    /** The serializer used for inputs and results. */
    public Serializer serializer() {
        return serializer;
    }

    /**
     * The same services, middleware and routing table with another serializer: for a transport whose payloads
     * must be converted its own way (e.g. Temporal's {@code DataConverter}). Cheap: nothing is validated again.
     */
    public NexusHandler withSerializer(Serializer other) {
        Objects.requireNonNull(other, "serializer");
        return other == serializer ? this : new NexusHandler(services, other, includeStackTraces);
    }

    /** The contracts of the registered services. */
    public Collection<ServiceDefinition> services() {
        return services.values().stream().map(RegisteredService::definition).collect(Collectors.toList());
    }

    /** Whether failures sent to callers include stack traces. */
    public boolean includesStackTraces() {
        return includeStackTraces;
    }

    @Override
    public StartOutcome start(StartRequest request) {
        return dispatch("start", request.service(), request.operation(), request.headers(), request.deadline(),
                request.cancellation(), request.extensions(), (op, ctx) -> {
                    Object input = op.noInput() ? null : decode(request.input(), op);
                    StartOptions options = new StartOptions(request.requestId(), request.callbackUrl(),
                            request.callbackHeaders(), request.links(), request.operationTimeout());
                    StartResult<Object> result = op.handler().start(ctx, options, input);
                    if (result instanceof StartResult.Sync<Object> sync) {
                        return new StartOutcome.Sync(encode(sync.value(), op), sync.links());
                    }
                    if (result instanceof StartResult.Async<Object> async) {
                        return new StartOutcome.Async(async.token(), async.links());
                    }
                    throw new IllegalStateException("the handler of " + ctx + " returned no StartResult");
                });
    }

    @Override
    public FetchInfoOutcome fetchInfo(TokenRequest request) {
        return dispatch("fetchInfo", request.service(), request.operation(), request.headers(), request.deadline(),
                request.cancellation(), request.extensions(), (op, ctx) -> {
                    OperationInfo info = op.handler().fetchInfo(ctx, FETCH_INFO_OPTIONS, request.token());
                    if (info == null) {
                        throw new IllegalStateException("the handler of " + ctx + " returned no OperationInfo");
                    }
                    return new FetchInfoOutcome.Info(info);
                });
    }

    @Override
    public FetchResultOutcome fetchResult(TokenRequest request, Duration wait) {
        FetchResultOptions options = new FetchResultOptions(wait);
        return dispatch("fetchResult", request.service(), request.operation(), request.headers(),
                request.deadline(), request.cancellation(), request.extensions(), (op, ctx) -> {
                    try {
                        Object result = op.handler().fetchResult(ctx, options, request.token());
                        return new FetchResultOutcome.Ready(encode(result, op));
                    } catch (OperationStillRunningException e) {
                        return STILL_RUNNING;
                    }
                });
    }

    @Override
    public CancelOutcome cancel(TokenRequest request) {
        return dispatch("cancel", request.service(), request.operation(), request.headers(), request.deadline(),
                request.cancellation(), request.extensions(), (op, ctx) -> {
                    op.handler().cancel(ctx, CANCEL_OPTIONS, request.token());
                    return ACCEPTED;
                });
    }

    /** One verb's work on a routed operation. */
    @FunctionalInterface
    private interface Call<R> {
        R run(RegisteredOperation op, RequestContext ctx) throws OperationException;
    }

    /**
     * Routes, arms the deadline, runs the verb and maps every exception to an outcome. {@code R} is one of the
     * outcome interfaces; {@link HandlerError} implements all of them and {@link OperationFailure} all that an
     * {@link OperationException} can reach (cancel does not declare it), so the casts below are safe.
     */
    @SuppressWarnings("unchecked")
    private <R> R dispatch(String verb, String service, String operation, Headers headers, Instant deadline,
            Cancellation cancellation, Map<Class<?>, Object> extensions, Call<R> call) {
        RegisteredOperation op;
        try {
            op = route(service, operation);
        } catch (HandlerException e) {
            return (R) error(e, verb, service + "/" + operation);
        }
        RequestContext ctx = new RequestContext(service, operation, headers, deadline, cancellation, extensions);
        Deadlines.Armed timer = Deadlines.arm(deadline, cancellation);
        try {
            return call.run(op, ctx);
        } catch (OperationException e) {
            return (R) operationFailure(e);
        } catch (HandlerException e) {
            return (R) error(e, verb, ctx);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            return (R) unexpected(e, ctx, verb);
        } finally {
            if (timer != null) {
                timer.disarm();
            }
        }
    }

    private RegisteredOperation route(String service, String operation) {
        HashMap<String, RegisteredOperation> operations = routes.get(service);
        if (operations == null) {
            throw HandlerException.notFound("service \"" + service + "\" is not served here");
        }
        RegisteredOperation op = operations.get(operation);
        if (op == null) {
            throw HandlerException.notFound(
                    "service \"" + service + "\" has no operation \"" + operation + "\"");
        }
        return op;
    }

    private Object decode(Content content, RegisteredOperation op) {
        try {
            return serializer.deserialize(content, op.inputType());
        } catch (SerializationException e) {
            throw new HandlerException(HandlerException.ErrorType.BAD_REQUEST,
                    "invalid input for operation \"" + op.definition().name() + "\": " + e.getMessage(), null,
                    RetryBehavior.NON_RETRYABLE);
        }
    }

    private Content encode(Object value, RegisteredOperation op) {
        if (value == null && op.definition().hasNoOutput()) {
            return Content.empty();
        }
        // SerializationException here is the handler's fault: it becomes INTERNAL via the RuntimeException path
        return serializer.serialize(value, op.outputType());
    }

    private OperationFailure operationFailure(OperationException e) {
        return new OperationFailure(e, Failures.of(e, includeStackTraces));
    }

    private HandlerError error(HandlerException e, String verb, Object where) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} of {} answered {}: {}", verb, where, e.type(), e.getMessage());
        }
        return new HandlerError(e, Failures.of(e, includeStackTraces));
    }

    private HandlerError unexpected(Throwable e, RequestContext ctx, String verb) {
        LOG.warn("{} of {} failed unexpectedly; the caller gets INTERNAL", verb, ctx, e);
        HandlerException internal = includeStackTraces
                ? HandlerException.internal("internal error in " + verb + ": " + e, e)
                : HandlerException.internal("internal error in " + verb + " (details are in the handler's log)",
                        null);
        return new HandlerError(internal, Failures.of(internal, includeStackTraces));
    }

    /** Builds a {@link NexusHandler}. Not thread-safe; each {@link #build()} validates everything again. */
    public static final class Builder {
        private final List<Registrar.Registration> registrations = new ArrayList<>();
        private final List<Middleware> middleware = new ArrayList<>();
        private final List<OperationKind> extraKinds = new ArrayList<>();
        private final List<ContractReader> extraReaders = new ArrayList<>();
        private Serializer serializer;
        private boolean includeStackTraces;
        private boolean discover = true;

        private Builder() {}

        /**
         * Registers a service implementation (a class annotated {@code @ServiceImpl}). Its package must be
         * exported (or exported to {@code nexusrpc.handler}); otherwise use {@link #service(Object,
         * MethodHandles.Lookup)}.
         */
        public Builder service(Object implementation) {
            registrations.add(new Registrar.Registration(Objects.requireNonNull(implementation), null));
            return this;
        }

        /**
         * Registers a service implementation whose class is not exported, with a lookup from its own module
         * ({@code MethodHandles.lookup()} called in that module) through which its methods are resolved.
         */
        public Builder service(Object implementation, MethodHandles.Lookup lookup) {
            registrations.add(new Registrar.Registration(
                    Objects.requireNonNull(implementation), Objects.requireNonNull(lookup)));
            return this;
        }

        /** Adds middleware; the first added is the outermost. */
        public Builder middleware(Middleware m) {
            middleware.add(Objects.requireNonNull(m));
            return this;
        }

        /** Replaces the default {@link JacksonSerializer}. */
        public Builder serializer(Serializer s) {
            this.serializer = Objects.requireNonNull(s);
            return this;
        }

        /** Adds an operation kind explicitly (in addition to those found with ServiceLoader). */
        public Builder kind(OperationKind kind) {
            extraKinds.add(Objects.requireNonNull(kind));
            return this;
        }

        /** Adds a contract reader explicitly (in addition to those found with ServiceLoader). */
        public Builder contractReader(ContractReader reader) {
            extraReaders.add(Objects.requireNonNull(reader));
            return this;
        }

        /** Whether to find kinds and contract readers with ServiceLoader (default true). */
        public Builder discoverPlugins(boolean on) {
            this.discover = on;
            return this;
        }

        /** Whether failures sent to callers include stack traces (default false: they are only logged). */
        public Builder includeStackTraces(boolean on) {
            this.includeStackTraces = on;
            return this;
        }

        /**
         * Validates every registration and builds the handler.
         *
         * @throws InvalidContractException listing every problem of every service
         */
        public NexusHandler build() {
            // a kind added explicitly and found again by discovery is one kind, not two claiming every method
            Map<Class<?>, OperationKind> kinds = new LinkedHashMap<>();
            for (OperationKind k : extraKinds) {
                kinds.putIfAbsent(k.getClass(), k);
            }
            Map<Class<?>, ContractReader> readers = new LinkedHashMap<>();
            for (ContractReader r : extraReaders) {
                readers.putIfAbsent(r.getClass(), r);
            }
            if (discover) {
                PluginLoader.kinds().forEach(k -> kinds.putIfAbsent(k.getClass(), k));
                PluginLoader.contractReaders().forEach(r -> readers.putIfAbsent(r.getClass(), r));
            }
            Registrar registrar = new Registrar(List.copyOf(kinds.values()), List.copyOf(readers.values()),
                    middleware.stream().<Registrar.Wrapper>map(m -> m::wrap).collect(Collectors.toList()));
            Map<String, RegisteredService> services = registrar.register(registrations);
            if (LOG.isDebugEnabled()) {
                LOG.debug("serving {} with kinds {}", services.keySet(),
                        kinds.values().stream().map(OperationKind::name).collect(Collectors.toList()));
            }
            return new NexusHandler(services,
                    serializer == null ? JacksonSerializer.create() : serializer, includeStackTraces);
        }
    }
}
