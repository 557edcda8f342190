package nexusrpc.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.http.internal.PercentCoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link nexusrpc.handler.NexusHandler} (or any {@link NexusEndpoint}) over HTTP, on the JDK's own
 * {@code com.sun.net.httpserver}: no third-party server needed.
 *
 * <pre>{@code
 * try (var server = NexusHttpServer.start(handler, new InetSocketAddress("127.0.0.1", 8080))) {
 *     ...   // POST http://127.0.0.1:8080/{service}/{operation}
 * }
 * }</pre>
 *
 * <p><b>TCP_NODELAY.</b> The JDK server leaves Nagle's algorithm on by default, which stalls every keep-alive
 * response by about 40 ms (Nagle plus delayed ACK). The JDK reads the switch, the system property {@code
 * sun.net.httpserver.nodelay}, once, when its server classes load. Loading this class sets it to {@code true}
 * unless you set it yourself; if your application starts another {@code HttpServer} before touching this class,
 * pass {@code -Dsun.net.httpserver.nodelay=true} on the command line instead.
 *
 * <p><b>Threads.</b> Requests are handled on the executor (default: a fixed pool of {@link
 * Builder#threads(int)} threads with a bounded queue; when both are full, requests are answered {@code
 * RESOURCE_EXHAUSTED} at once). A fetchResult long poll holds a thread for up to its wait, so size the pool for
 * the long polls you expect.
 *
 * <p><b>Stopping.</b> {@link #close()} stops accepting requests (new ones get {@code UNAVAILABLE}), waits for the
 * requests in flight to finish, up to the drain timeout, then closes every connection.
 */
public final class NexusHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NexusHttpServer.class);
    /** The JDK switch for TCP_NODELAY on accepted sockets. */
    public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private final HttpServer server;
    private final NexusExchangeHandler exchangeHandler;
    private final BoundedExecutor ownExecutor;
    private final Duration drainTimeout;
    private final URI baseUri;
    private boolean closed;

    private NexusHttpServer(Builder b) throws IOException {
        this.exchangeHandler = new NexusExchangeHandler(b.endpoint, b.basePath, b.maxBodySize, b.includeStackTraces,
                b.callbackPolicy, b.maxLongPollWait);
        this.ownExecutor = b.executor == null ? new BoundedExecutor(b.threads, b.queueCapacity) : null;
        this.drainTimeout = b.drainTimeout;
        this.server = HttpServer.create(b.address, b.backlog);
        server.createContext(b.basePath, exchangeHandler).getFilters().addAll(b.filters);
        server.setExecutor(b.executor == null ? ownExecutor : b.executor);
        server.start();
        InetSocketAddress bound = server.getAddress();
        InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
        String hostText = host.getHostAddress().indexOf(':') >= 0 ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        this.baseUri = URI.create("http://" + hostText + ":" + bound.getPort()
                + (b.basePath.endsWith("/") ? b.basePath : b.basePath + "/"));
        LOG.info("serving Nexus over HTTP at {}", baseUri);
    }

    /**
     * Starts a server with default settings on {@code address} (port 0 picks a free port).
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

    /** The address the server listens on (with the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The base URL callers use, e.g. {@code http://127.0.0.1:8080/}, ending with '/'. */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * Stops gracefully: refuses new requests with {@code UNAVAILABLE}, waits up to {@code timeout} for the
     * requests in flight, then closes all connections and the threads this server created.
     *
     * @return whether every request in flight finished within the timeout
     */
    public synchronized boolean stop(Duration timeout) {
        if (closed) {
            return true;
        }
        closed = true;
        exchangeHandler.stopAccepting();
        boolean drained;
        try {
            drained = exchangeHandler.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            LOG.warn("{} requests still in flight after {}; closing their connections", exchangeHandler.inflight(),
                    timeout);
        }
        server.stop(0);
        if (ownExecutor != null) {
            try {
                ownExecutor.shutdown(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("stopped serving Nexus at {}", baseUri);
        return drained;
    }

    /** {@link #stop(Duration)} with the configured drain timeout (default 10 seconds). */
    @Override
    public void close() {
        stop(drainTimeout);
    }

    @Override
    public String toString() {
        return "NexusHttpServer[" + baseUri + "]";
    }

    /** Builds and starts a {@link NexusHttpServer}. Not thread-safe. */
    public static final class Builder {
        private final NexusEndpoint endpoint;
        private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private String basePath = "/";
        private Executor executor;
        private int threads = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());
        private int queueCapacity = 1024;
        private int maxBodySize = 4 * 1024 * 1024;
        private boolean includeStackTraces;
        private CallbackUrlPolicy callbackPolicy = CallbackUrlPolicy.defaults();
        private Duration maxLongPollWait = Duration.ofMinutes(1);
        private Duration drainTimeout = Duration.ofSeconds(10);
        private int backlog;
        private final java.util.List<com.sun.net.httpserver.Filter> filters = new java.util.ArrayList<>();

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
         * BAD_REQUEST failure, without being read.
         */
        public Builder maxBodySize(int bytes) {
            if (bytes < 0 || bytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxBodySize must be between 0 and 2^31-2, got " + bytes);
            }
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * Whether failures sent to callers carry stack traces (default false). The handler must produce them too:
         * {@code NexusHandler.Builder.includeStackTraces(true)}.
         */
        public Builder includeStackTraces(boolean on) {
            this.includeStackTraces = on;
            return this;
        }

        /**
         * The policy that start requests' callback URLs must satisfy; others are refused with BAD_REQUEST (default
         * {@link CallbackUrlPolicy#defaults()}).
         */
        public Builder callbackUrlPolicy(CallbackUrlPolicy p) {
            this.callbackPolicy = Objects.requireNonNull(p, "policy");
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
         * Adds a filter that sees every request before the Nexus handler, in the order added: the place for
         * authentication. A filter that refuses a request answers it itself and does not call the chain.
         */
        public Builder filter(com.sun.net.httpserver.Filter f) {
            filters.add(Objects.requireNonNull(f, "filter"));
            return this;
        }

        /** The TCP accept backlog (default 0: the system's default). */
        public Builder backlog(int n) {
            this.backlog = n;
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @throws UncheckedIOException if the address cannot be bound
         */
        public NexusHttpServer start() {
            try {
                return new NexusHttpServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
        }
    }
}
