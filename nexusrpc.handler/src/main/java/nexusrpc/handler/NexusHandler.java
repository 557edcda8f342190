package nexusrpc.handler;

import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.SerializationException;
import nexusrpc.api.Serializer;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.handler.CallerPrincipal;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.internal.CallerSecurity;
import nexusrpc.handler.internal.Deadlines;
import nexusrpc.handler.internal.PluginLoader;
import nexusrpc.handler.internal.RegisteredOperation;
import nexusrpc.handler.internal.RegisteredService;
import nexusrpc.handler.internal.Registrar;
import nexusrpc.handler.internal.RequestContext;
import nexusrpc.handler.security.CallerAuthenticator;
import nexusrpc.handler.security.CallerAuthorizer;
import nexusrpc.handler.security.OperationVerb;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
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
 * HandlerError} of its type; anything else thrown by user code (any {@link Throwable}) is logged and becomes
 * {@code INTERNAL} without details. Stack traces reach callers only with {@link Builder#includeStackTraces(boolean)}:
 * the one switch for every transport.
 *
 * <p>Deadlines: the engine is the only place that enforces them. A call whose deadline has passed is answered
 * {@link DeadlineExceeded} without running the handler; otherwise the deadline is armed once, and when it passes
 * first the call's {@link Cancellation} is cancelled and the answer is {@link DeadlineExceeded} (for a long-poll
 * fetchResult, {@link FetchResultOutcome.StillRunning}), given at once to a transport that passed a reply, whatever
 * the handler returns later.
 *
 * <p>Lifecycle: {@link #close()} closes the discovered operation kinds and the handlers they built that hold
 * resources ({@link AutoCloseable}). A handler derived with {@link #withSerializer} shares them: close the original.
 */
public final class NexusHandler implements NexusEndpoint, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NexusHandler.class);
    /** The system property listing discovered kinds to leave out, by class name, comma-separated. */
    public static final String EXCLUDE_KINDS_PROPERTY = "nexusrpc.kinds.exclude";
    /** How much longer than its wait a long poll may take before the engine answers "still running" itself. */
    static final Duration LONG_POLL_MARGIN = Duration.ofMillis(250);
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
    private final Resources resources;
    /** Caller authentication and authorization, or {@code null} when neither is configured (no cost per call). */
    private final CallerSecurity security;

    private NexusHandler(Map<String, RegisteredService> services, Serializer serializer, boolean stacks,
            Resources resources, CallerSecurity security) {
        this.services = services;
        this.routes = new HashMap<>();
        // each operation's types bound to this engine's serializer once, so no call looks up its reader or writer
        services.forEach((name, s) -> {
            HashMap<String, RegisteredOperation> ops = new HashMap<>();
            s.operations().forEach((opName, op) -> ops.put(opName, op.bind(serializer)));
            routes.put(name, ops);
        });
        this.serializer = serializer;
        this.includeStackTraces = stacks;
        this.resources = resources;
        this.security = security;
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
     * The result shares this handler's kinds and handlers; closing either closes them.
     */
    public NexusHandler withSerializer(Serializer other) {
        Objects.requireNonNull(other, "serializer");
        return other == serializer ? this : new NexusHandler(services, other, includeStackTraces, resources, security);
    }

    /** The contracts of the registered services. */
    public Collection<ServiceDefinition> services() {
        return services.values().stream().map(RegisteredService::definition).collect(Collectors.toList());
    }

    /** Whether failures sent to callers include stack traces. */
    public boolean includesStackTraces() {
        return includeStackTraces;
    }

    /**
     * Closes what the operation kinds opened: every handler a kind built and every discovered kind that is {@link
     * AutoCloseable}, each once, in registration order; a failure to close one is logged and the others are still
     * closed. Kinds added explicitly with {@link Builder#kind} belong to the caller and are not closed. Idempotent.
     * Calls made after closing may fail in the handlers whose resources are gone.
     */
    @Override
    public void close() {
        resources.close();
    }

    @Override
    public StartOutcome start(StartRequest request) {
        return serveStart(request, null);
    }

    @Override
    public void start(StartRequest request, Consumer<? super StartOutcome> reply) {
        Objects.requireNonNull(reply, "reply");
        serveStart(request, reply::accept);
    }

    private StartOutcome serveStart(StartRequest request, Consumer<StartOutcome> reply) {
        return dispatch(OperationVerb.START, request.service(), request.operation(), request.deadline(),
                request.cancellation(), reply, null, null, (op, ctx) -> {
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
                }, request);
    }

    @Override
    public FetchInfoOutcome fetchInfo(TokenRequest request) {
        return serveFetchInfo(request, null);
    }

    @Override
    public void fetchInfo(TokenRequest request, Consumer<? super FetchInfoOutcome> reply) {
        Objects.requireNonNull(reply, "reply");
        serveFetchInfo(request, reply::accept);
    }

    private FetchInfoOutcome serveFetchInfo(TokenRequest request, Consumer<FetchInfoOutcome> reply) {
        return dispatch(OperationVerb.FETCH_INFO, request.service(), request.operation(), request.deadline(),
                request.cancellation(), reply, request, null, (op, ctx) -> {
                    OperationInfo info = op.handler().fetchInfo(ctx, FETCH_INFO_OPTIONS, request.token());
                    if (info == null) {
                        throw new IllegalStateException("the handler of " + ctx + " returned no OperationInfo");
                    }
                    return new FetchInfoOutcome.Info(info);
                }, null);
    }

    @Override
    public FetchResultOutcome fetchResult(TokenRequest request, Duration wait) {
        return serveFetchResult(request, wait, null);
    }

    @Override
    public void fetchResult(TokenRequest request, Duration wait, Consumer<? super FetchResultOutcome> reply) {
        Objects.requireNonNull(reply, "reply");
        serveFetchResult(request, wait, reply::accept);
    }

    private FetchResultOutcome serveFetchResult(TokenRequest request, Duration wait, Consumer<FetchResultOutcome> reply) {
        Duration w = wait == null || wait.isNegative() ? Duration.ZERO : wait;
        Instant deadline = request.deadline();
        Instant pollEnd = null;
        if (!w.isZero()) {
            // a long poll: the handler waits at most until the deadline, and the engine answers "still running"
            // itself if the handler overstays its wait (or the deadline) by more than the margin
            Instant now = Instant.now();
            if (deadline != null && deadline.isBefore(now.plus(w))) {
                w = Duration.between(now, deadline);
                w = w.isNegative() ? Duration.ZERO : w;
                pollEnd = deadline;
            } else {
                pollEnd = now.plus(w).plus(LONG_POLL_MARGIN);
            }
        }
        FetchResultOptions options = new FetchResultOptions(w);
        return dispatch(OperationVerb.FETCH_RESULT, request.service(), request.operation(),
                pollEnd != null ? pollEnd : deadline, request.cancellation(), reply, request, pollEnd,
                (op, ctx) -> {
                    try {
                        Object result = op.handler().fetchResult(ctx, options, request.token());
                        return new FetchResultOutcome.Ready(encode(result, op));
                    } catch (OperationStillRunningException e) {
                        return STILL_RUNNING;
                    }
                }, null);
    }

    @Override
    public CancelOutcome cancel(TokenRequest request) {
        return serveCancel(request, null);
    }

    @Override
    public void cancel(TokenRequest request, Consumer<? super CancelOutcome> reply) {
        Objects.requireNonNull(reply, "reply");
        serveCancel(request, reply::accept);
    }

    private CancelOutcome serveCancel(TokenRequest request, Consumer<CancelOutcome> reply) {
        return dispatch(OperationVerb.CANCEL, request.service(), request.operation(), request.deadline(),
                request.cancellation(), reply, request, null, (op, ctx) -> {
                    op.handler().cancel(ctx, CANCEL_OPTIONS, request.token());
                    return ACCEPTED;
                }, null);
    }

    /** One verb's work on a routed operation. */
    @FunctionalInterface
    private interface Call<R> {
        R run(RegisteredOperation op, RequestContext ctx) throws OperationException;
    }

    /**
     * Routes, arms the deadline, runs the verb and maps every throwable to an outcome; hands the answer to {@code
     * reply} (if any) exactly once and returns it. {@code R} is one of the outcome interfaces; {@link HandlerError}
     * and {@link DeadlineExceeded} implement all of them and {@link OperationFailure} all that an {@link
     * OperationException} can reach (cancel does not declare it), so the casts below are safe.
     *
     * @param deadline when the engine stops waiting for the handler: the request's deadline, or a long poll's end
     * @param token the token request (for the context's headers and extensions), or {@code null} for a start
     * @param pollEnd for a long poll, when it ends (its expiry answer is "still running"), else {@code null}
     * @param start the start request, or {@code null} for the other verbs
     */
    @SuppressWarnings("unchecked")
    private <R> R dispatch(OperationVerb verb, String service, String operation, Instant deadline,
            Cancellation cancellation, Consumer<R> reply, TokenRequest token, Instant pollEnd, Call<R> call,
            StartRequest start) {
        CallerPrincipal caller = null;
        if (security != null) {
            // before routing: a refused caller learns nothing, not even whether the operation exists
            try {
                caller = start != null
                        ? security.admit(verb, service, operation, start.headers(), start.peer())
                        : security.admit(verb, service, operation, token.headers(), token.peer());
            } catch (HandlerException e) {
                return answer(reply, (R) error(e, verb, service + "/" + operation));
            }
        }
        RegisteredOperation op;
        try {
            op = route(service, operation);
        } catch (HandlerException e) {
            return answer(reply, (R) error(e, verb, service + "/" + operation));
        }
        Deadlines.Call<R> armed = null;
        if (deadline != null) {
            long due = Deadlines.dueMillis(deadline);
            R expired = pollEnd != null ? (R) STILL_RUNNING : (R) new DeadlineExceeded(deadline);
            if (Deadlines.overdue(due)) {
                // the caller has stopped waiting: nothing the handler does can reach it
                cancellation.cancel(DeadlineExceeded.REASON);
                return answer(reply, expired);
            }
            if (due != Long.MAX_VALUE) {
                armed = Deadlines.Call.arm(due, cancellation, reply, expired);
            }
        }
        RequestContext ctx = start != null
                ? new RequestContext(service, operation, start.headers(), start.deadline(), cancellation,
                        start.extensions(), serializer, op, start, caller)
                : new RequestContext(service, operation, token.headers(), token.deadline(), cancellation,
                        token.extensions(), serializer, op, null, caller);
        R outcome;
        try {
            outcome = call.run(op, ctx);
        } catch (OperationException e) {
            outcome = (R) OperationFailure.of(e, includeStackTraces);
        } catch (HandlerException e) {
            outcome = (R) error(e, verb, ctx);
        } catch (Throwable e) {
            // every throwable from user code is answered, Errors included (a StackOverflowError in one handler
            // must not leave its caller without an answer or kill a transport's thread)
            outcome = (R) unexpected(e, ctx, verb);
        }
        return armed != null ? armed.finish(outcome) : answer(reply, outcome);
    }

    private static <R> R answer(Consumer<R> reply, R outcome) {
        if (reply != null) {
            reply.accept(outcome);
        }
        return outcome;
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
            return op.input().deserialize(content);
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
        // SerializationException here is the handler's fault: it becomes INTERNAL via the unexpected path
        return op.output().serialize(value);
    }

    private HandlerError error(HandlerException e, OperationVerb verb, Object where) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} of {} answered {}: {}", verb, where, e.type(), e.getMessage());
        }
        return HandlerError.of(e, includeStackTraces);
    }

    private HandlerError unexpected(Throwable e, RequestContext ctx, OperationVerb verb) {
        try {
            LOG.warn("{} of {} failed unexpectedly; the caller gets INTERNAL", verb, ctx, e);
        } catch (Throwable logFailed) {
            // e.g. a StackOverflowError leaves too little stack to log: the caller still gets its answer
        }
        HandlerException internal = includeStackTraces
                ? HandlerException.internal("internal error in " + verb + ": " + e, e)
                : HandlerException.internal("internal error in " + verb + " (details are in the handler's log)",
                        null);
        return HandlerError.of(internal, includeStackTraces);
    }

    /** What the handlers and kinds of one build opened, closed once with the handler. */
    private static final class Resources {
        private final List<AutoCloseable> closeables;
        private final AtomicBoolean closed = new AtomicBoolean();

        Resources(List<AutoCloseable> closeables) {
            this.closeables = closeables;
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            for (AutoCloseable c : closeables) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed", c, e);
                }
            }
        }
    }

    /** Builds a {@link NexusHandler}. Not thread-safe; each {@link #build()} validates everything again. */
    public static final class Builder {
        private final List<Registrar.Registration> registrations = new ArrayList<>();
        private final List<Middleware> middleware = new ArrayList<>();
        private final List<OperationKind> extraKinds = new ArrayList<>();
        private final List<ContractReader> extraReaders = new ArrayList<>();
        private final Set<String> excludedKinds = new LinkedHashSet<>();
        private Serializer serializer;
        private boolean includeStackTraces;
        private boolean discover = true;
        private CallerAuthenticator authenticator;
        private CallerAuthorizer authorizer;

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

        /**
         * Adds an operation kind explicitly (in addition to those found with ServiceLoader). It stays yours: the
         * handler does not close it.
         */
        public Builder kind(OperationKind kind) {
            extraKinds.add(Objects.requireNonNull(kind));
            return this;
        }

        /**
         * Leaves out a discovered operation kind, by its implementation's fully qualified class name (as in {@code
         * META-INF/services}). The system property {@value #EXCLUDE_KINDS_PROPERTY} (comma-separated class names)
         * adds to these. Kinds added with {@link #kind} are never excluded.
         */
        public Builder excludeKind(String className) {
            excludedKinds.add(Objects.requireNonNull(className, "className").strip());
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

        /**
         * Whether failures sent to callers include stack traces (default false: they are only logged). The one
         * switch for every transport: transports send the failures the handler produced.
         */
        public Builder includeStackTraces(boolean on) {
            this.includeStackTraces = on;
            return this;
        }

        /**
         * Authenticates the caller of every request, on every transport, before routing, decoding the input or
         * calling the handler (default: none, every caller is anonymous and {@code OperationContext.caller()} is
         * empty). A caller it does not authenticate is answered {@code UNAUTHENTICATED} with a message that says
         * nothing about why; see {@link nexusrpc.handler.security}.
         */
        public Builder authenticator(CallerAuthenticator a) {
            this.authenticator = Objects.requireNonNull(a, "authenticator");
            return this;
        }

        /**
         * Decides per caller, service, operation and verb whether a request may proceed, after authentication and
         * before routing (default: none, everything is allowed). A refused request is answered {@code
         * UNAUTHORIZED} with a message that says nothing about why.
         */
        public Builder authorizer(CallerAuthorizer a) {
            this.authorizer = Objects.requireNonNull(a, "authorizer");
            return this;
        }

        /**
         * Validates every registration and builds the handler.
         *
         * @throws InvalidContractException listing every problem of every service
         * @throws IllegalStateException if a discovered kind was built for an SPI version this engine does not
         *     support
         */
        public NexusHandler build() {
            // a kind added explicitly and found again by discovery is one kind, not two claiming every method
            Map<Class<?>, OperationKind> kinds = new LinkedHashMap<>();
            for (OperationKind k : extraKinds) {
                checkSpiVersion(k);
                kinds.putIfAbsent(k.getClass(), k);
            }
            Map<Class<?>, ContractReader> readers = new LinkedHashMap<>();
            for (ContractReader r : extraReaders) {
                readers.putIfAbsent(r.getClass(), r);
            }
            List<AutoCloseable> owned = new ArrayList<>();
            if (discover) {
                Set<String> excluded = excluded();
                for (OperationKind k : PluginLoader.kinds()) {
                    if (excluded.contains(k.getClass().getName())) {
                        LOG.debug("operation kind {} is excluded", k.getClass().getName());
                        continue;
                    }
                    checkSpiVersion(k);
                    if (kinds.putIfAbsent(k.getClass(), k) == null && k instanceof AutoCloseable c) {
                        owned.add(c);
                    }
                }
                PluginLoader.contractReaders().forEach(r -> readers.putIfAbsent(r.getClass(), r));
            }
            Registrar registrar = new Registrar(List.copyOf(kinds.values()), List.copyOf(readers.values()),
                    middleware.stream().<Registrar.Wrapper>map(m -> m::wrap).collect(Collectors.toList()));
            Map<String, RegisteredService> services;
            try {
                services = registrar.register(registrations);
            } catch (RuntimeException e) {
                new Resources(owned).close();
                throw e;
            }
            List<AutoCloseable> closeables = new ArrayList<>();
            Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (RegisteredService s : services.values()) {
                for (RegisteredOperation op : s.operations().values()) {
                    if (op.built() instanceof AutoCloseable c && seen.add(c)) {
                        closeables.add(c);
                    }
                }
            }
            closeables.addAll(owned);
            if (LOG.isDebugEnabled()) {
                LOG.debug("serving {} with kinds {}", services.keySet(),
                        kinds.values().stream().map(OperationKind::name).collect(Collectors.toList()));
            }
            return new NexusHandler(services, serializer == null ? JacksonSerializer.create() : serializer,
                    includeStackTraces, new Resources(List.copyOf(closeables)),
                    authenticator == null && authorizer == null ? null
                            : new CallerSecurity(authenticator, authorizer));
        }

        private Set<String> excluded() {
            Set<String> all = new LinkedHashSet<>(excludedKinds);
            String property = System.getProperty(EXCLUDE_KINDS_PROPERTY, "");
            for (String name : property.split(",")) {
                if (!name.isBlank()) {
                    all.add(name.strip());
                }
            }
            return all;
        }

        /**
         * Refuses a kind built for another major version of the SPI, or a newer minor one, naming what to do. A
         * kind compiled before {@link OperationKind#spiVersion()} existed fails with {@link AbstractMethodError}.
         */
        private static void checkSpiVersion(OperationKind kind) {
            String wanted;
            try {
                wanted = kind.spiVersion();
            } catch (AbstractMethodError e) {
                wanted = "0 (before versions were declared)";
            }
            if (!compatible(wanted, OperationKind.SPI_VERSION)) {
                throw new IllegalStateException("operation kind " + kind.getClass().getName() + " was built for"
                        + " nexusrpc.spi " + wanted + ", but this engine implements nexusrpc.spi "
                        + OperationKind.SPI_VERSION + ": use a version of the kind built for " + major(
                        OperationKind.SPI_VERSION) + ".x, or exclude it with -D" + EXCLUDE_KINDS_PROPERTY + "="
                        + kind.getClass().getName());
            }
        }

        static boolean compatible(String kindVersion, String engineVersion) {
            if (kindVersion == null) {
                return false;
            }
            String[] k = kindVersion.split("\\.");
            String[] e = engineVersion.split("\\.");
            try {
                return k.length == 2 && Integer.parseInt(k[0]) == Integer.parseInt(e[0])
                        && Integer.parseInt(k[1]) <= Integer.parseInt(e[1]);
            } catch (NumberFormatException notAVersion) {
                return false;
            }
        }

        private static String major(String version) {
            return version.substring(0, version.indexOf('.'));
        }
    }
}
