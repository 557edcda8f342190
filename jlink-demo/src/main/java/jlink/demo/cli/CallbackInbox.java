package jlink.demo.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Receives completion callbacks for the tour, the way a Nexus caller would, on a local port. */
final class CallbackInbox implements AutoCloseable {
    /**
     * One completion as received.
     *
     * @param state the {@code Nexus-Operation-State} header
     * @param token the {@code Nexus-Operation-Token} header
     * @param body the body: the result, or the failure as JSON
     */
    record Completion(String state, String token, String body) {}

    private final HttpServer server;
    private final BlockingQueue<Completion> received = new LinkedBlockingQueue<>();

    CallbackInbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/callback", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Completion(exchange.getRequestHeaders().getFirst("Nexus-Operation-State"),
                        exchange.getRequestHeaders().getFirst("Nexus-Operation-Token"), body));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    /** The URL to give as callback. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    /** The next completion, or {@code null} if none arrives within {@code wait}. */
    Completion next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
