package nexusrpc.http;

import static nexusrpc.http.RawHttp.post;
import static nexusrpc.http.RawHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nexusrpc.api.Content;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that answers after the request's deadline gets the same 408 the server's deadline timer would have
 * sent, whichever of the two notices first (the engine's own deadline can cancel a call a moment before the
 * server's timer fires, and a handler that returns once cancelled then answers first). The "engine-ahead" case
 * has a deadline far away, so only the server's check of the cancelled call can turn its answer into 408.
 */
class LateAnswerTest {
    private HttpServer server;
    private URI base;

    /** Returns every verb's normal answer, but only once the request's deadline has passed. */
    private static final class LateEndpoint implements NexusEndpoint {
        private static void waitPast(Instant deadline) {
            while (deadline != null && !Instant.now().isAfter(deadline)) {
                Thread.onSpinWait();
            }
        }

        @Override
        public StartOutcome start(StartRequest request) {
            if (request.service().equals("engine-ahead")) {
                // the engine's deadline sweeper, whose clock ran a hair ahead of Instant.now()
                request.cancellation().cancel("the request deadline passed");
            } else {
                waitPast(request.deadline());
            }
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
            waitPast(request.deadline());
            return new CancelOutcome.Accepted();
        }
    }

    @BeforeEach
    void start() throws Exception {
        NexusExchangeHandler handler = new NexusExchangeHandler(new LateEndpoint(), "/", 1 << 20, false,
                CallbackUrlPolicy.defaults(), Duration.ofMinutes(1));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aStartAnsweredAfterItsDeadlineIs408() {
        HttpResponse<byte[]> r = post(base, "svc/op", "{}", "Request-Timeout", "20ms");
        assertEquals(408, r.statusCode(), text(r));
    }

    @Test
    void aCancelAnsweredAfterItsDeadlineIs408() {
        HttpResponse<byte[]> r = post(base, "svc/op/cancel", null, "Request-Timeout", "20ms",
                "Nexus-Operation-Token", "t");
        assertEquals(408, r.statusCode(), text(r));
    }

    @Test
    void aStartTheEngineCancelledAtItsDeadlineIs408() {
        HttpResponse<byte[]> r = post(base, "engine-ahead/op", "{}", "Request-Timeout", "1m");
        assertEquals(408, r.statusCode(), text(r));
    }
}
