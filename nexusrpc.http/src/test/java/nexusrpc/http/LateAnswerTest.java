package nexusrpc.http;

import static nexusrpc.http.RawHttp.post;
import static nexusrpc.http.RawHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import nexusrpc.api.Content;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A handler that ignores cancellation and answers after its deadline: its caller gets {@code 408} at the deadline,
 * from the engine (the server keeps no timer), and the late answer changes nothing: not the caller's answer, not
 * the count of requests in flight.
 */
class LateAnswerTest {
    private static TestServiceImpl impl;
    private static NexusHttpServer server;

    @BeforeAll
    static void start() {
        impl = new TestServiceImpl(null);
        server = NexusHttpServer.builder(NexusHandler.builder().service(impl).build()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * The count of requests in flight once it reached zero, or as it is after a second: the server counts an
     * answer off just after writing it, so the caller may read it a moment before.
     */
    private static int awaitInflight(IntSupplier inflight) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (inflight.getAsInt() != 0 && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        return inflight.getAsInt();
    }

    @Test
    void aStartWhoseHandlerIgnoresCancellationIsAnswered408AtTheDeadline() throws Exception {
        impl.lateOperation().answered.clear();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = post(server.baseUri(), "test-service/late", "{\"message\":\"1500\"}",
                "Request-Timeout", "200ms");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(408, r.statusCode(), text(r));
        assertEquals("REQUEST_TIMEOUT", RawHttp.json(r).get("details").get("type").asText());
        assertTrue(RawHttp.json(r).get("message").asText().contains("Request-Timeout"), text(r));
        // the handler sleeps 1.5 s: the answer came at the deadline, not when it returned
        assertTrue(elapsedMillis < 1300, "answered after " + elapsedMillis + " ms");
        // answered means no longer in flight, though the handler still runs
        assertEquals(0, awaitInflight(server::inflight));
        assertNull(impl.lateOperation().answered.peek(), "the handler had already returned: the test proves nothing");
        assertEquals("start", impl.lateOperation().answered.poll(10, TimeUnit.SECONDS));
        // the late answer was dropped, not counted a second time
        assertEquals(0, server.inflight());
        assertEquals(200, post(server.baseUri(), "test-service/echo", "{\"message\":\"next\"}").statusCode());
    }

    @Test
    void aCancelWhoseHandlerIgnoresCancellationIsAnswered408AtTheDeadline() throws Exception {
        impl.lateOperation().answered.clear();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = post(server.baseUri(), "test-service/late/cancel", null, "Request-Timeout", "200ms",
                "Nexus-Operation-Token", "1500");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(408, r.statusCode(), text(r));
        assertTrue(elapsedMillis < 1300, "answered after " + elapsedMillis + " ms");
        assertEquals("cancel", impl.lateOperation().answered.poll(10, TimeUnit.SECONDS));
        assertEquals(0, awaitInflight(server::inflight));
    }

    /** Answers every start twice: deadline exceeded first (as the engine does at the deadline), then a result. */
    private static final class TwiceAnsweringEndpoint implements NexusEndpoint {
        @Override
        public void start(StartRequest request, Consumer<? super StartOutcome> reply) {
            reply.accept(new DeadlineExceeded(Instant.now()));
            reply.accept(start(request));
        }

        @Override
        public StartOutcome start(StartRequest request) {
            return new StartOutcome.Sync(Content.of("application/json", "{}".getBytes()), List.of());
        }

        @Override
        public FetchInfoOutcome fetchInfo(TokenRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FetchResultOutcome fetchResult(TokenRequest request, Duration wait) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CancelOutcome cancel(TokenRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theFirstAnswerWinsAndALaterOneIsDropped() throws Exception {
        // "deadline exceeded" is 408 whatever the Request-Timeout says: the endpoint's clock decides
        NexusExchangeHandler handler = new NexusExchangeHandler(new TwiceAnsweringEndpoint(), "/", 1 << 20,
                CallbackUrlPolicy.defaults(), Duration.ofMinutes(1), (url, headers, completion) -> null, null, null, null,
                nexusrpc.handler.transport.TransportObserver.NONE, PeerReader.plain());
        HttpServer raw = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        raw.createContext("/", handler);
        raw.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + raw.getAddress().getPort() + "/");
            HttpResponse<byte[]> r = post(base, "svc/op", "{}", "Request-Timeout", "1m");
            assertEquals(408, r.statusCode(), text(r));
            assertEquals(0, awaitInflight(handler::inflight));
        } finally {
            raw.stop(0);
        }
    }
}
