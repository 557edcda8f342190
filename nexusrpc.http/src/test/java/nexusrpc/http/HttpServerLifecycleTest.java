package nexusrpc.http;

import static nexusrpc.http.RawHttp.post;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Building, starting, stopping, configuration and the TCP_NODELAY switch. */
class HttpServerLifecycleTest {
    /**
     * Runs the requests and stops that block while the test goes on, several at once. Not the common pool
     * (CompletableFuture's default): with 2 CPUs it has one thread, and from JDK 25 no thread-per-task fallback.
     */
    private final ExecutorService blocking = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "lifecycle-test-caller");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stopBlockingCallers() {
        blocking.shutdownNow();
    }

    private static NexusHandler handler(boolean stacks) {
        return NexusHandler.builder().service(new TestServiceImpl(null)).includeStackTraces(stacks).build();
    }

    @Test
    void aServerSetsNoJvmWideProperty() {
        // the build does not pass -Dsun.net.httpserver.nodelay: a server that set it itself would show here
        try (NexusHttpServer server = NexusHttpServer.start(handler(false), new InetSocketAddress("127.0.0.1", 0))) {
            assertEquals(200, post(server.baseUri(), "test-service/echo", "{\"message\":\"x\"}").statusCode());
        }
        assertNull(System.getProperty(NexusHttpServer.NODELAY_PROPERTY));
    }

    @Test
    void closeDrainsRequestsInFlightAndRefusesNewOnes() throws Exception {
        NexusHttpServer server = NexusHttpServer.start(handler(false), new InetSocketAddress("127.0.0.1", 0));
        URI base = server.baseUri();
        CompletableFuture<HttpResponse<byte[]>> inFlight = CompletableFuture.supplyAsync(
                () -> post(base, "test-service/slow", "{\"message\":\"sleep:700\"}"), blocking);
        awaitInflight(server);
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(10)),
                blocking);
        HttpResponse<byte[]> r = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("slept", RawHttp.json(r).get("message").asText());
        assertTrue(stopped.get(20, TimeUnit.SECONDS));
        assertThrows(RuntimeException.class, () -> post(base, "test-service/echo", "{\"message\":\"late\"}"));
    }

    /** Waits until a request is being handled. */
    private static void awaitInflight(NexusHttpServer server) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until && server.inflight() == 0) {
            Thread.sleep(5);
        }
    }

    @Test
    void aDrainTimeoutStopsWaiting() throws Exception {
        NexusHttpServer server = NexusHttpServer.builder(handler(false)).drainTimeout(Duration.ofMillis(100)).start();
        URI base = server.baseUri();
        CompletableFuture<?> inFlight = CompletableFuture.runAsync(() -> {
            try {
                post(base, "test-service/slow", "{\"message\":\"sleep:3000\"}");
            } catch (RuntimeException expected) {
                // the connection is closed when the drain times out
            }
        }, blocking);
        awaitInflight(server);
        assertFalse(server.stop(Duration.ofMillis(100)));
        inFlight.get(20, TimeUnit.SECONDS);
    }

    @Test
    void stackTracesAreSentOnlyWhenTheHandlerIncludesThem() {
        try (NexusHttpServer quiet = NexusHttpServer.start(handler(false), new InetSocketAddress("127.0.0.1", 0));
                NexusHttpServer verbose = NexusHttpServer.start(handler(true), new InetSocketAddress("127.0.0.1", 0))) {
            HttpResponse<byte[]> hidden = post(quiet.baseUri(), "test-service/echo", "{\"message\":\"fail\"}");
            assertFalse(RawHttp.text(hidden).contains("stackTrace"));
            HttpResponse<byte[]> shown = post(verbose.baseUri(), "test-service/echo", "{\"message\":\"fail\"}");
            JsonNode f = RawHttp.json(shown);
            assertTrue(f.get("stackTrace").asText().contains("EchoOperation"), f.toString());
            assertTrue(f.get("cause").get("stackTrace").asText().contains("IllegalStateException"));
        }
    }

    @Test
    void filtersSeeRequestsFirst() {
        com.sun.net.httpserver.Filter auth = new com.sun.net.httpserver.Filter() {
            @Override
            public void doFilter(com.sun.net.httpserver.HttpExchange ex, Chain chain) throws java.io.IOException {
                if (!"Bearer ok".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.sendResponseHeaders(401, -1);
                    ex.close();
                    return;
                }
                chain.doFilter(ex);
            }

            @Override
            public String description() {
                return "test authentication";
            }
        };
        try (NexusHttpServer server = NexusHttpServer.builder(handler(false)).filter(auth).start()) {
            assertEquals(401, post(server.baseUri(), "test-service/echo", "{\"message\":\"x\"}").statusCode());
            assertEquals(200, post(server.baseUri(), "test-service/echo", "{\"message\":\"x\"}",
                    "Authorization", "Bearer ok").statusCode());
            NexusHttpClient client = NexusHttpClient.builder(server.baseUri()).header("Authorization", "Bearer ok")
                    .build();
            assertEquals(nexusrpc.api.HandlerException.ErrorType.UNAUTHENTICATED,
                    assertThrows(nexusrpc.api.HandlerException.class, () -> NexusHttpClient.create(server.baseUri())
                            .client(nexusrpc.http.testservice.TestService.class)
                            .execute(nexusrpc.http.testservice.TestService::echo,
                                    new nexusrpc.http.testservice.Echo("x"))).type());
            nexusrpc.http.testservice.Echo out = assertDoesNotThrow(() -> client.untypedClient().execute(
                    "test-service", "echo", new nexusrpc.http.testservice.Echo("x"),
                    nexusrpc.http.testservice.Echo.class, null));
            assertEquals("x", out.message());
        }
    }

    @Test
    void builderRejectsNonsense() {
        NexusHttpServer.Builder b = NexusHttpServer.builder(handler(false));
        assertThrows(IllegalArgumentException.class, () -> b.threads(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxBodySize(-1));
        assertThrows(IllegalArgumentException.class, () -> b.basePath("/a b"));
        assertThrows(IllegalArgumentException.class, () -> b.drainTimeout(Duration.ofSeconds(-1)));
    }

    @Test
    void anOverloadedServerAnswersResourceExhausted() throws Exception {
        // one thread, one queue slot: the third concurrent request cannot be queued
        try (NexusHttpServer server = NexusHttpServer.builder(handler(false)).threads(1).queueCapacity(1).start()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(server.config().engine().equals(NexusHttpServer.JDK_ENGINE),
                    "the pool and queue are the JDK engine's; Jetty queues on its own pool");
            URI base = server.baseUri();
            CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(
                    () -> post(base, "test-service/slow", "{\"message\":\"sleep:1500\"}"), blocking);
            awaitInflight(server);
            CompletableFuture<HttpResponse<byte[]>> second = CompletableFuture.supplyAsync(
                    () -> post(base, "test-service/slow", "{\"message\":\"sleep:10\"}"), blocking);
            Thread.sleep(200);
            HttpResponse<byte[]> third = post(base, "test-service/echo", "{\"message\":\"x\"}");
            assertEquals(429, third.statusCode());
            assertEquals("RESOURCE_EXHAUSTED", RawHttp.json(third).get("details").get("type").asText());
            assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
            assertEquals(200, second.get(20, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void buildBindsNothingUntilStartAndAServerStartsOnce() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        NexusHttpServer server = NexusHttpServer.builder(handler(false))
                .address(new InetSocketAddress("127.0.0.1", port)).build();
        assertThrows(IllegalStateException.class, server::baseUri);
        // the port is still free: nothing was bound by build()
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(port, probe.getLocalPort());
        }
        try {
            assertEquals(server, server.start());
            assertEquals(port, server.address().getPort());
            assertEquals(200, post(server.baseUri(), "test-service/echo", "{\"message\":\"x\"}").statusCode());
            assertThrows(IllegalStateException.class, server::start);
        } finally {
            server.close();
        }
        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void configReflectsTheBuilder() {
        CallbackUrlPolicy policy = CallbackUrlPolicy.builder().allowHosts("cb.example.com").build();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        NexusHttpServer server = NexusHttpServer.builder(handler(false))
                .address(address)
                .basePath("nexus")
                .threads(3)
                .queueCapacity(7)
                .maxBodySize(1234)
                .maxLongPollWait(Duration.ofSeconds(5))
                .drainTimeout(Duration.ofMillis(1500))
                .backlog(11)
                .callbackUrlPolicy(policy)
                .closeEndpointOnStop(true)
                .requestReadTimeout(Duration.ofSeconds(3))
                .maxConcurrentLongPolls(5)
                .build();
        assertEquals(new NexusHttpServer.Config(address, "/nexus", 3, 7, 1234, Duration.ofSeconds(5),
                Duration.ofMillis(1500), 11, policy, true, server.config().engine(), Duration.ofSeconds(3), 5,
                java.util.Optional.empty()),
                server.config());
        server.close();
        NexusHttpServer.Config defaults = NexusHttpServer.builder(handler(false)).build().config();
        assertEquals("/", defaults.basePath());
        assertEquals(Duration.ofMinutes(1), defaults.maxLongPollWait());
        assertEquals(Duration.ofSeconds(10), defaults.drainTimeout());
        assertEquals(CallbackUrlPolicy.defaults(), defaults.callbackUrlPolicy());
        assertFalse(defaults.closeEndpointOnStop());
        assertEquals(Duration.ofSeconds(10), defaults.requestReadTimeout());
        assertEquals(1000, defaults.maxConcurrentLongPolls());
        // the engine the JDK's rule picks: the test run's (see the pom's two executions)
        assertEquals(com.sun.net.httpserver.spi.HttpServerProvider.provider().getClass().getName(), defaults.engine());
    }

    /** An endpoint that counts how often it was closed. */
    private static final class ClosableEndpoint implements NexusEndpoint, AutoCloseable {
        final NexusHandler handler = handler(false);
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public StartOutcome start(StartRequest request) {
            return handler.start(request);
        }

        @Override
        public FetchInfoOutcome fetchInfo(TokenRequest request) {
            return handler.fetchInfo(request);
        }

        @Override
        public FetchResultOutcome fetchResult(TokenRequest request, Duration wait) {
            return handler.fetchResult(request, wait);
        }

        @Override
        public CancelOutcome cancel(TokenRequest request) {
            return handler.cancel(request);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void stoppingClosesTheEndpointOnlyWhenTheServerOwnsIt() {
        ClosableEndpoint owned = new ClosableEndpoint();
        NexusHttpServer server = NexusHttpServer.builder(owned).closeEndpointOnStop(true).start();
        assertEquals(200, post(server.baseUri(), "test-service/echo", "{\"message\":\"x\"}").statusCode());
        assertEquals(0, owned.closed.get());
        server.close();
        assertEquals(1, owned.closed.get());
        server.close();
        assertEquals(1, owned.closed.get(), "stopping twice closes once");
        ClosableEndpoint borrowed = new ClosableEndpoint();
        NexusHttpServer.builder(borrowed).start().close();
        assertEquals(0, borrowed.closed.get());
        ClosableEndpoint neverServed = new ClosableEndpoint();
        NexusHttpServer.builder(neverServed).closeEndpointOnStop(true).build().close();
        assertEquals(1, neverServed.closed.get(), "a server that owns its endpoint closes it even if never started");
    }

    @Test
    void aRequestAnsweredAtItsDeadlineDoesNotHoldUpTheDrain() throws Exception {
        NexusHttpServer server = NexusHttpServer.builder(handler(false)).start();
        // the handler sleeps 3 s, deaf to cancellation; its caller is answered 408 after 200 ms
        HttpResponse<byte[]> r = post(server.baseUri(), "test-service/slow", "{\"message\":\"sleep:3000\"}",
                "Request-Timeout", "200ms");
        assertEquals(408, r.statusCode());
        // the handler has almost 3 s to go: a drain that waited for it would give up after 2 s and say so
        assertTrue(server.stop(Duration.ofSeconds(2)), "the drain waited for a request that had been answered");
    }

    @Test
    void aLongPollWaitsAtMostTheServersMaximum() {
        try (NexusHttpServer server = NexusHttpServer.builder(handler(false))
                .maxLongPollWait(Duration.ofMillis(200)).start()) {
            String token = RawHttp.json(post(server.baseUri(), "test-service/job",
                    "{\"message\":\"m\",\"outcome\":\"hold\"}")).get("token").asText();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = RawHttp.get(server.baseUri(), "test-service/job/result?wait=30s",
                    "Nexus-Operation-Token", token);
            assertEquals(412, r.statusCode());
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(elapsedMillis < 5000, "the 30 s wait was not capped: answered after " + elapsedMillis + " ms");
        }
    }
}
