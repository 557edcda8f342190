package nexusrpc.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import nexusrpc.api.Headers;
import nexusrpc.handler.transport.CompletionDelivery;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.http.internal.PercentCoding;
import nexusrpc.http.internal.TlsSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link nexusrpc.handler.NexusHandler} (or any {@link NexusEndpoint}) over HTTP, on {@code
 * com.sun.net.httpserver}: the JDK's own engine (no third-party server needed) or Jetty's.
 *
 * <pre>{@code
 * try (var server = NexusHttpServer.start(handler, new InetSocketAddress("127.0.0.1", 8080))) {
 *     ...   // POST http://127.0.0.1:8080/{service}/{operation}
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link Builder#build()} makes a server without binding anything; {@link #start()} binds
 * the address and starts serving. A server starts once: {@link #start()} on a server that was started (or
 * stopped) already throws {@link IllegalStateException}, since the JDK server cannot be bound twice and a second
 * start is most likely a mix-up of two servers. {@link Builder#start()} and {@link #start(NexusEndpoint,
 * InetSocketAddress)} build and start in one step. {@link #config()} gives the settings, started or not.
 *
 * <p><b>Deadlines.</b> The server keeps no timer: the endpoint answers at the {@code Request-Timeout} (the engine
 * answers "deadline exceeded", sent as {@code 408}) and at the end of a long poll's wait ("still running", {@code
 * 412}), even while a handler that ignores cancellation still runs; what the handler returns later is dropped.
 * A {@code NexusHandler} does this; an endpoint of your own answers when its answering verbs call their reply (the
 * interface's defaults: when the blocking verb returns), so it enforces deadlines itself or not at all.
 *
 * <p><b>Completion callbacks.</b> Every start carries the server's {@link CompletionDelivery}, so a handler that
 * finishes later delivers its completion with {@code OperationContext.completionCallback()}. By default it is a
 * {@link CompletionSender} created on first use with this server's {@link CallbackUrlPolicy}, and closed when the
 * server stops; {@link Builder#completionDelivery} replaces it.
 *
 * <p><b>TCP_NODELAY.</b> The JDK server leaves Nagle's algorithm on unless the system property {@value
 * #NODELAY_PROPERTY} is {@code true} when its classes load, which stalls every keep-alive response by about 40 ms
 * (Nagle plus delayed ACK). It is a JVM-wide switch, so this class does not set it: launchers that care about
 * latency pass {@code -Dsun.net.httpserver.nodelay=true}. A server started without it logs so once, at DEBUG.
 *
 * <p><b>TLS.</b> With {@link Builder#tls(ServerTls)} the server speaks HTTPS only (TLS 1.3 and 1.2), on either
 * engine, optionally with client certificates (mutual TLS); {@link #baseUri()} is then an {@code https} URL. Every
 * request hands the engine a {@link nexusrpc.handler.transport.TransportPeer} with the client's address and, over
 * mutual TLS, the certificate chain the handshake verified. Certificates read from files are reloaded when the files
 * change, or on {@link #reloadTls()}.
 *
 * <p><b>Engines.</b> The HTTP engine is a {@code com.sun.net.httpserver.spi.HttpServerProvider}: by default the one
 * the JDK's rule picks (Jetty's, {@code org.eclipse.jetty:jetty-http-spi}, when it is on the path; else the JDK's
 * own), or the one given to {@link Builder#engine}. Jetty is the engine for servers exposed to the internet; docs/http.md
 * ("running exposed to the internet") says what each protects against.
 *
 * <p><b>Threads.</b> On the JDK engine requests are read and handled on the executor (default: a fixed pool of
 * {@link Builder#threads(int)} threads with a bounded queue; when both are full, requests are answered {@code
 * RESOURCE_EXHAUSTED} from a small overflow pool, never on the JDK's dispatcher thread), a request that takes longer
 * than {@link Builder#requestReadTimeout(Duration)} to arrive is not served and its connection is closed, and
 * fetchResult long polls wait off the pool (on virtual threads on Java 21+). On another engine requests run on its
 * own threads.
 *
 * <p><b>Stopping.</b> {@link #close()} stops accepting requests (new ones get {@code UNAVAILABLE}) and waits, up to
 * the drain timeout, until every request in flight has been answered; then it closes every connection, its own
 * threads, its default completion sender, and the endpoint if {@link Builder#closeEndpointOnStop(boolean)} says
 * the server owns it. A request counts as in flight until its answer is written: a handler still running after its
 * caller was answered {@code 408} does not hold up the drain (it has been cancelled, and the server's own pool
 * interrupts it when it shuts down).
 */
public final class NexusHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NexusHttpServer.class);
    /** The JDK switch for TCP_NODELAY on accepted sockets; set it on the command line, never from code. */
    public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /** Whether the missing {@value #NODELAY_PROPERTY} was reported already (once per JVM is enough). */
    private static final AtomicBoolean NODELAY_REPORTED = new AtomicBoolean();

    private final Config config;
    private final NexusEndpoint endpoint;
    private final HttpServer server;
    private final NexusExchangeHandler exchangeHandler;
    private final BoundedExecutor ownExecutor;
    private final ReadDeadlines reads;
    private final LongPolls longPolls;
    private final DefaultDelivery defaultDelivery;
    /** The live TLS context (its material reloads from files), or null for plain HTTP. */
    private final TlsSpec.Live tls;
    /** Changed under the monitor; read without it, so that getters do not wait for a stop's drain. */
    private volatile State state = State.NEW;
    private volatile URI baseUri;

    /** Where a server is in its life; it only moves forward. */
    private enum State {
        NEW, RUNNING, STOPPED
    }

    /**
     * The settings of a server, as built.
     *
     * @param address where it listens, as configured (port 0: a free port, see {@link #address()} for the bound
     *     one)
     * @param basePath the path under which the service is mounted, starting with '/'
     * @param threads the threads of the default pool (unused when an executor was given)
     * @param queueCapacity the queue of the default pool (unused when an executor was given)
     * @param maxBodySize the largest request body accepted, in bytes
     * @param maxLongPollWait the longest fetchResult long poll
     * @param drainTimeout how long {@link #close()} waits for requests in flight
     * @param backlog the TCP accept backlog (0: the system's default)
     * @param callbackUrlPolicy the policy start requests' callback URLs must satisfy
     * @param closeEndpointOnStop whether stopping the server closes the endpoint
     * @param engine the class name of the {@code HttpServerProvider} that serves (the JDK's is {@value
     *     #JDK_ENGINE})
     * @param requestReadTimeout how long a request (line, headers and body) may take to arrive; zero: no limit
     * @param maxConcurrentLongPolls how many fetchResult long polls may wait at once off the request threads (JDK
     *     engine)
     * @param tls the TLS settings (no secrets in them), or empty for plain HTTP
     */
    public record Config(InetSocketAddress address, String basePath, int threads, int queueCapacity,
            int maxBodySize, Duration maxLongPollWait, Duration drainTimeout, int backlog,
            CallbackUrlPolicy callbackUrlPolicy, boolean closeEndpointOnStop, String engine,
            Duration requestReadTimeout, int maxConcurrentLongPolls, Optional<ServerTls> tls) {}

    /** The class name of the JDK's own engine, {@code com.sun.net.httpserver}'s default provider. */
    public static final String JDK_ENGINE = "sun.net.httpserver.DefaultHttpServerProvider";

    private NexusHttpServer(Builder b, Config config, HttpServerProvider engine) throws IOException {
        this.config = config;
        this.endpoint = b.endpoint;
        // unbound: start() binds
        if (b.tls == null) {
            this.tls = null;
            this.server = engine.createHttpServer(null, 0);
        } else {
            this.tls = b.tls.open();
            HttpsServer https = engine.createHttpsServer(null, 0);
            https.setHttpsConfigurator(new Configurator(tls.context()));
            this.server = https;
        }
        // The JDK engine reads requests on the executor's threads and lets an exchange be answered after its
        // handler returned; other engines (Jetty) read requests without a thread each, run handlers on their own
        // pool, and end an exchange when its handler returns.
        boolean jdk = server.getClass().getModule() == HttpServer.class.getModule();
        boolean readLimit = !config.requestReadTimeout().isZero();
        this.reads = readLimit ? new ReadDeadlines(config.requestReadTimeout()) : null;
        this.ownExecutor = jdk && b.executor == null
                ? new BoundedExecutor(config.threads(), config.queueCapacity(), reads) : null;
        this.longPolls = jdk ? new LongPolls(config.maxConcurrentLongPolls()) : null;
        this.defaultDelivery = b.completionDelivery == null
                ? new DefaultDelivery(config.callbackUrlPolicy(), b.observer) : null;
        this.exchangeHandler = new NexusExchangeHandler(b.endpoint, config.basePath(), config.maxBodySize(),
                config.callbackUrlPolicy(), config.maxLongPollWait(),
                defaultDelivery != null ? defaultDelivery : b.completionDelivery, ownExecutor,
                ownExecutor == null ? reads : null, longPolls, b.observer,
                tls == null ? PeerReader.plain() : PeerReader.tls());
        server.createContext(config.basePath(), exchangeHandler).getFilters().addAll(b.filters);
        if (b.executor != null) {
            server.setExecutor(b.executor);
        } else if (ownExecutor != null) {
            server.setExecutor(ownExecutor);
        }
        // else: the engine's own threads (Jetty's pool also runs its selectors: it is not replaced by a fixed pool)
    }

    /**
     * Builds and starts a server with default settings on {@code address} (port 0 picks a free port).
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static NexusHttpServer start(NexusEndpoint handler, InetSocketAddress address) {
        return builder(handler).address(address).start();
    }

    /** A builder for a server over {@code handler}. */
    public static Builder builder(NexusEndpoint handler) {
        return new Builder(Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Binds the address and starts serving.
     *
     * @return this server
     * @throws IllegalStateException if it was started or stopped before
     * @throws UncheckedIOException if the address cannot be bound (the server stays unstarted)
     */
    public synchronized NexusHttpServer start() {
        if (state != State.NEW) {
            throw new IllegalStateException("this server was " + (state == State.RUNNING ? "started" : "stopped")
                    + " already: a NexusHttpServer starts once; build another one to serve again");
        }
        try {
            server.bind(config.address(), config.backlog());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.address() + ": " + e.getMessage(), e);
        }
        server.start();
        state = State.RUNNING;
        InetSocketAddress bound = server.getAddress();
        InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
        String hostText = host.getHostAddress().indexOf(':') >= 0 ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        String path = config.basePath();
        this.baseUri = URI.create((tls == null ? "http://" : "https://") + hostText + ":" + bound.getPort() + (path.endsWith("/") ? path : path + "/"));
        if (System.getProperty(NODELAY_PROPERTY) == null && NODELAY_REPORTED.compareAndSet(false, true)) {
            LOG.debug("{} is not set: keep-alive responses may wait about 40 ms for Nagle's algorithm; pass"
                    + " -D{}=true to the JVM for low latency", NODELAY_PROPERTY, NODELAY_PROPERTY);
        }
        LOG.info("serving Nexus over {} at {}", tls == null ? "HTTP" : "HTTPS", baseUri);
        return this;
    }

    /**
     * Reads the TLS key, certificate chain and trusted CA files again now, without waiting for the periodic check:
     * new handshakes use what was read, connections already open are not affected.
     *
     * @throws IllegalStateException if this server has no TLS material read from files
     * @throws IllegalArgumentException if a file is missing or broken (the message names it); the server keeps
     *     the material it had
     */
    public void reloadTls() {
        if (tls == null || !tls.reloadable()) {
            throw new IllegalStateException(tls == null ? "this server does not use TLS: nothing to reload"
                    : "this server's TLS material does not come from files (SSLContext or KeyStore): nothing to reload");
        }
        tls.reload();
    }

    /** The settings this server was built with. */
    public Config config() {
        return config;
    }

    /**
     * The address the server listens on (with the actual port when 0 was asked for).
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public InetSocketAddress address() {
        requireStarted();
        return server.getAddress();
    }

    /**
     * The base URL callers use, e.g. {@code http://127.0.0.1:8080/}, ending with '/'.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public URI baseUri() {
        requireStarted();
        return baseUri;
    }

    private void requireStarted() {
        if (baseUri == null) {
            throw new IllegalStateException("the server is not started: call start() first");
        }
    }

    /** Requests not answered yet. */
    int inflight() {
        return exchangeHandler.inflight();
    }

    /**
     * Stops gracefully: refuses new requests with {@code UNAVAILABLE}, waits up to {@code timeout} until every
     * request in flight has been answered, then closes all connections and what this server owns (its threads, its
     * default completion sender, and the endpoint with {@link Builder#closeEndpointOnStop(boolean)}). Stopping a
     * server that was never started releases what it owns. Idempotent.
     *
     * @return whether every request in flight was answered within the timeout
     */
    public synchronized boolean stop(Duration timeout) {
        if (state == State.STOPPED) {
            return true;
        }
        boolean wasRunning = state == State.RUNNING;
        state = State.STOPPED;
        boolean drained = true;
        if (wasRunning) {
            exchangeHandler.stopAccepting();
            try {
                drained = exchangeHandler.awaitIdle(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drained = false;
            }
            if (!drained) {
                LOG.warn("{} requests still unanswered after {}; closing their connections",
                        exchangeHandler.inflight(), timeout);
            }
            server.stop(0);
        }
        if (ownExecutor != null) {
            try {
                ownExecutor.shutdown(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (longPolls != null) {
            longPolls.shutdown();
        }
        if (reads != null) {
            reads.close();
        }
        if (defaultDelivery != null) {
            defaultDelivery.close();
        }
        if (config.closeEndpointOnStop() && endpoint instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the endpoint {} failed", endpoint, e);
            }
        }
        if (wasRunning) {
            LOG.info("stopped serving Nexus at {}", baseUri);
        }
        return drained;
    }

    /** {@link #stop(Duration)} with the configured drain timeout (default 10 seconds). */
    @Override
    public void close() {
        stop(config.drainTimeout());
    }

    @Override
    public String toString() {
        return "NexusHttpServer[" + (baseUri != null ? baseUri : config.address() + config.basePath()) + ", "
                + state.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }

    /**
     * The default completion delivery: a {@link CompletionSender} with the server's callback URL policy, created
     * on first use (most servers never deliver a completion, and a sender owns a retry thread) and closed with the
     * server. A delivery asked for after that fails, logged, like one the sender gives up.
     */
    private static final class DefaultDelivery implements CompletionDelivery {
        private final CallbackUrlPolicy policy;
        private final TransportObserver observer;
        private CompletionSender sender;
        private boolean closed;

        DefaultDelivery(CallbackUrlPolicy policy, TransportObserver observer) {
            this.policy = policy;
            this.observer = observer;
        }

        @Override
        public CompletableFuture<Void> deliver(String callbackUrl, Headers callbackHeaders,
                OperationCompletion completion) {
            return sender().deliver(callbackUrl, callbackHeaders, completion);
        }

        private synchronized CompletionSender sender() {
            if (sender == null) {
                sender = CompletionSender.builder().callbackUrlPolicy(policy).observer(observer).build();
                if (closed) {
                    // the server has stopped: this sender refuses (and logs) the delivery
                    sender.close();
                }
            }
            return sender;
        }

        synchronized void close() {
            closed = true;
            if (sender != null) {
                sender.close();
            }
        }
    }

    /**
     * Hands the engine the TLS context and its parameters (TLS 1.3 and 1.2, client certificates as configured).
     * Jetty's adapter takes only the client-auth flags from them; the context itself restricts the protocols.
     */
    private static final class Configurator extends HttpsConfigurator {
        Configurator(javax.net.ssl.SSLContext context) {
            super(context);
        }

        @Override
        public void configure(HttpsParameters params) {
            params.setSSLParameters(getSSLContext().getDefaultSSLParameters());
        }
    }

    /** Builds a {@link NexusHttpServer}. Not thread-safe. */
    public static final class Builder {
        private final NexusEndpoint endpoint;
        private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private String basePath = "/";
        private Executor executor;
        private int threads = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());
        private int queueCapacity = 1024;
        private int maxBodySize = 4 * 1024 * 1024;
        private CallbackUrlPolicy callbackPolicy = CallbackUrlPolicy.defaults();
        private Duration maxLongPollWait = Duration.ofMinutes(1);
        private Duration drainTimeout = Duration.ofSeconds(10);
        private int backlog;
        private CompletionDelivery completionDelivery;
        private boolean closeEndpointOnStop;
        private TransportObserver observer = TransportObserver.NONE;
        private final List<Filter> filters = new ArrayList<>();
        private HttpServerProvider engine;
        private Duration requestReadTimeout = Duration.ofSeconds(10);
        private int maxConcurrentLongPolls = 1000;
        private ServerTls tls;

        private Builder(NexusEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        /** Where to listen (default: loopback, a free port). */
        public Builder address(InetSocketAddress a) {
            this.address = Objects.requireNonNull(a, "address");
            return this;
        }

        /** The path under which the service is mounted, e.g. {@code /nexus} (default {@code /}). */
        public Builder basePath(String path) {
            Objects.requireNonNull(path, "path");
            String p = path.startsWith("/") ? path : "/" + path;
            for (String segment : p.split("/")) {
                if (!segment.isEmpty() && !PercentCoding.encodeSegment(segment).equals(segment)) {
                    throw new IllegalArgumentException("base path segment \"" + segment
                            + "\" needs percent-encoding: use letters, digits, '-', '.', '_' and '~'");
                }
            }
            this.basePath = p;
            return this;
        }

        /**
         * Handles requests on your executor instead of the default bounded pool; it is not shut down by {@link
         * #close()}.
         */
        public Builder executor(Executor e) {
            this.executor = Objects.requireNonNull(e, "executor");
            return this;
        }

        /** Threads of the default pool (default: 16, or twice the processors if more). */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + n);
            }
            this.threads = n;
            return this;
        }

        /** Requests the default pool queues before answering RESOURCE_EXHAUSTED (default 1024). */
        public Builder queueCapacity(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, got " + n);
            }
            this.queueCapacity = n;
            return this;
        }

        /**
         * The largest request body accepted, in bytes (default 4 MiB). Larger bodies are refused with 413 and a
         * BAD_REQUEST failure, without being kept: one that declares its length is refused before any of it is
         * read, and the rest of a refused body is read and dropped only if it is at most 1 MiB (to keep the
         * connection), else the connection is closed.
         */
        public Builder maxBodySize(int bytes) {
            if (bytes < 0 || bytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxBodySize must be between 0 and 2^31-2, got " + bytes);
            }
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * The policy that start requests' callback URLs must satisfy; others are refused with BAD_REQUEST (default
         * {@link CallbackUrlPolicy#defaults()}). The default completion sender checks it again before every
         * delivery.
         */
        public Builder callbackUrlPolicy(CallbackUrlPolicy p) {
            this.callbackPolicy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /**
         * Observes the server's answers (their status codes) and, with the default completion delivery, every
         * delivery attempt (default: none); e.g. {@code NexusTelemetry.transportObserver()}. Calls that reach the
         * handler are observed by its middleware.
         */
        public Builder observer(TransportObserver o) {
            this.observer = Objects.requireNonNull(o, "observer");
            return this;
        }

        /**
         * How handlers' completions reach callback URLs (default: a {@link CompletionSender} with this server's
         * callback URL policy, created on first use and closed when the server stops). One given here is yours:
         * the server does not close it.
         */
        public Builder completionDelivery(CompletionDelivery d) {
            this.completionDelivery = Objects.requireNonNull(d, "completionDelivery");
            return this;
        }

        /** The longest fetchResult long poll; longer {@code wait}s are shortened to it (default one minute). */
        public Builder maxLongPollWait(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("maxLongPollWait must be zero or positive");
            }
            this.maxLongPollWait = d;
            return this;
        }

        /** How long {@link NexusHttpServer#close()} waits for requests in flight (default 10 seconds). */
        public Builder drainTimeout(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("drainTimeout must be zero or positive");
            }
            this.drainTimeout = d;
            return this;
        }

        /**
         * Whether the server owns the endpoint (default false): stopping the server then closes it, if it is
         * {@link AutoCloseable} (a {@code NexusHandler} is), once the requests in flight were answered.
         */
        public Builder closeEndpointOnStop(boolean on) {
            this.closeEndpointOnStop = on;
            return this;
        }

        /**
         * Adds a filter that sees every request before the Nexus handler, in the order added: the place for
         * authentication. A filter that refuses a request answers it itself and does not call the chain.
         */
        public Builder filter(Filter f) {
            filters.add(Objects.requireNonNull(f, "filter"));
            return this;
        }

        /** The TCP accept backlog (default 0: the system's default). */
        public Builder backlog(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("backlog must be zero or positive, got " + n);
            }
            this.backlog = n;
            return this;
        }

        /**
         * The HTTP engine (default: {@code HttpServerProvider.provider()}, the JDK's rule: the provider named by the
         * system property {@code com.sun.net.httpserver.HttpServerProvider}, else the first one on the class or
         * module path, else the JDK's own). For a server exposed to the internet, Jetty's provider ({@code
         * org.eclipse.jetty:jetty-http-spi}, {@code new JettyHttpServerProvider()}): see docs/http.md, "running
         * exposed to the internet". The threads, queue and long-poll settings are the JDK engine's; on another
         * engine requests run on that engine's own threads unless {@link #executor(Executor)} is given.
         */
        public Builder engine(HttpServerProvider provider) {
            this.engine = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * How long a request may take to arrive, from its first byte to the end of its body (default 10 seconds;
         * zero: no limit). A request still arriving then is not served and its connection is closed: on the JDK
         * engine, whose threads read requests, this is what keeps clients that send slowly from holding every
         * thread. Jetty reads request lines and headers without a thread, and closes connections idle for 30 s.
         */
        public Builder requestReadTimeout(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("requestReadTimeout must be zero or positive");
            }
            this.requestReadTimeout = d;
            return this;
        }

        /**
         * How many fetchResult long polls may wait at once on the JDK engine, off the request threads (on virtual
         * threads on Java 21+), default 1000; more are answered RESOURCE_EXHAUSTED. Other engines wait on their own
         * request threads.
         */
        public Builder maxConcurrentLongPolls(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConcurrentLongPolls must be at least 1, got " + n);
            }
            this.maxConcurrentLongPolls = n;
            return this;
        }

        /**
         * Serves HTTPS instead of HTTP, with these TLS settings (key and certificate chain, client certificates):
         * see {@link ServerTls}. Works on the JDK's engine and on Jetty's.
         */
        public Builder tls(ServerTls settings) {
            this.tls = Objects.requireNonNull(settings, "tls");
            return this;
        }

        /** The server, not started: nothing is bound until {@link NexusHttpServer#start()}. */
        public NexusHttpServer build() {
            HttpServerProvider provider = engine != null ? engine : HttpServerProvider.provider();
            Config config = new Config(address, basePath, threads, queueCapacity, maxBodySize, maxLongPollWait,
                    drainTimeout, backlog, callbackPolicy, closeEndpointOnStop, provider.getClass().getName(),
                    requestReadTimeout, maxConcurrentLongPolls, Optional.ofNullable(tls));
            try {
                return new NexusHttpServer(this, config, provider);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the HTTP server: " + e.getMessage(), e);
            }
        }

        /**
         * Builds and starts the server: {@code build().start()}.
         *
         * @throws UncheckedIOException if the address cannot be bound
         */
        public NexusHttpServer start() {
            return build().start();
        }
    }
}
