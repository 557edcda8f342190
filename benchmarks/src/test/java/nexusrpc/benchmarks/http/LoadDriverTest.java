package nexusrpc.benchmarks.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load driver against a real JDK server on loopback: it counts correct answers and flags wrong ones. */
class LoadDriverTest {
    private static final byte[] BODY = "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
    private static final LoadDriver.Phases NO_HOOKS = new LoadDriver.Phases() {
        @Override
        public void measurementStarts() {}

        @Override
        public void measurementEnds() {}
    };

    private HttpServer server;
    private ExecutorService pool;

    private InetSocketAddress serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pool = Executors.newFixedThreadPool(2);
        server.createContext("/", handler);
        server.setExecutor(pool);
        server.start();
        return new InetSocketAddress("127.0.0.1", server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    @Test
    void countsEchoedResponsesOnKeepAliveConnectionsAndCallsThePhaseHooksOnce() throws IOException {
        InetSocketAddress target = serve(new BareEchoHandler());
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger ends = new AtomicInteger();
        LoadDriver driver = new LoadDriver(target, LoadDriver.jsonPost(target, "/svc/op", BODY), BODY, 4);
        LoadDriver.Result r = driver.run(Duration.ofMillis(200), Duration.ofMillis(500), new LoadDriver.Phases() {
            @Override
            public void measurementStarts() {
                starts.incrementAndGet();
            }

            @Override
            public void measurementEnds() {
                ends.incrementAndGet();
            }
        });
        assertEquals(0, r.errors(), () -> "first error: " + r.firstError());
        assertTrue(r.requests() > 0, "no response was counted");
        assertTrue(r.p99Micros() >= r.p50Micros());
        assertEquals(1, starts.get());
        assertEquals(1, ends.get());
    }

    @Test
    void aResponseWithOtherBytesIsAnErrorNotAResult() throws IOException {
        InetSocketAddress target = serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] other = "{\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, other.length);
            exchange.getResponseBody().write(other);
            exchange.close();
        });
        LoadDriver driver = new LoadDriver(target, LoadDriver.jsonPost(target, "/svc/op", BODY), BODY, 2);
        LoadDriver.Result r = driver.run(Duration.ZERO, Duration.ofMillis(300), NO_HOOKS);
        assertEquals(0, r.requests());
        assertTrue(r.errors() > 0);
        assertNotNull(r.firstError());
        assertTrue(r.firstError().contains("unexpected body"), r.firstError());
    }

    @Test
    void anErrorStatusIsAnError() throws IOException {
        InetSocketAddress target = serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        LoadDriver driver = new LoadDriver(target, LoadDriver.jsonPost(target, "/svc/op", BODY), BODY, 2);
        LoadDriver.Result r = driver.run(Duration.ZERO, Duration.ofSeconds(2), NO_HOOKS);
        assertEquals(0, r.requests());
        assertTrue(r.firstError().contains("503"), r.firstError());
    }
}
