package nexusrpc.benchmarks.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The limit: a bare JDK handler that reads the request body fully and answers 200 with the same bytes as JSON
 * (exactly what our server answers for the echo operation), then closes the exchange so the connection is reused.
 */
public final class BareEchoHandler implements HttpHandler {
    /** Creates the handler. */
    public BareEchoHandler() {}

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }
}
