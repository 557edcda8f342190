package nexusrpc.handler.http;

import static nexusrpc.handler.http.RawHttp.post;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting, stopping, configuration and the TCP_NODELAY switch. */
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
    void loadingTheServerTurnsOnNoDelay() {
        assertNotNull(NexusHttpServer.NODELAY_PROPERTY);
        assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
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
        while (System.nanoTime() < until && serverInflight(server) == 0) {
            Thread.sleep(5);
        }
    }

    private static int serverInflight(NexusHttpServer server) throws Exception {
        java.lang.reflect.Field f = NexusHttpServer.class.getDeclaredField("exchangeHandler");
        f.setAccessible(true);
        return ((NexusExchangeHandler) f.get(server)).inflight();
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
    void stackTracesAreSentOnlyWhenEnabled() {
        try (NexusHttpServer quiet = NexusHttpServer.start(handler(true), new InetSocketAddress("127.0.0.1", 0));
                NexusHttpServer verbose = NexusHttpServer.builder(handler(true)).includeStackTraces(true).start()) {
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
                            .service(nexusrpc.handler.http.testservice.TestService.class)
                            .execute(nexusrpc.handler.http.testservice.TestService::echo,
                                    new nexusrpc.handler.http.testservice.Echo("x"))).type());
            nexusrpc.handler.http.testservice.Echo out = assertDoesNotThrow(() -> client.untyped().execute(
                    "test-service", "echo", new nexusrpc.handler.http.testservice.Echo("x"),
                    nexusrpc.handler.http.testservice.Echo.class, null));
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
}
