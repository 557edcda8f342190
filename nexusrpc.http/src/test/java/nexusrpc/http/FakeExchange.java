package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import nexusrpc.api.Content;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.OperationState;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;

/**
 * A request made of fuzz bytes ({@code METHOD URI VERSION}, header lines, a blank line, the body), served by the
 * Nexus exchange handler over an endpoint that answers at once: every answer is one of the statuses the server
 * documents, never 500 (an unexpected exception), and exactly one.
 */
final class FakeExchange extends HttpExchange {
    private static final Set<Integer> STATUSES = Set.of(200, 201, 202, 400, 404, 405, 408, 412, 413, 424, 505);
    private static final NexusExchangeHandler HANDLER = new NexusExchangeHandler(new Endpoint(), "/base/", 1024,
            CallbackUrlPolicy.builder().resolveHosts(false).build(), Duration.ofSeconds(1),
            (url, headers, completion) -> null, null, null, null, nexusrpc.handler.transport.TransportObserver.NONE,
            PeerReader.plain());

    private final String method;
    private final URI uri;
    private final String protocol;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private InputStream body;
    private OutputStream out = new ByteArrayOutputStream();
    private int status = -1;
    private int answers;

    private FakeExchange(String method, URI uri, String protocol, Headers headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.requestHeaders = headers;
        this.body = new ByteArrayInputStream(body);
    }

    /** Serves one fuzz request, if the bytes make one the engine would have dispatched. */
    static void serve(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end);
        byte[] body = end < 0 ? new byte[0] : text.substring(end + 2).getBytes(StandardCharsets.ISO_8859_1);
        List<String> lines = head.lines().toList();
        if (lines.isEmpty()) {
            return;
        }
        String[] line = lines.get(0).split(" ", 3);
        if (line.length < 2 || line[0].isEmpty()) {
            return;
        }
        URI uri;
        Headers headers = new Headers();
        try {
            uri = new URI(line[1]);
            for (String h : lines.subList(1, lines.size())) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.add(h.substring(0, colon), h.substring(colon + 1).trim());
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a request the engine would dispatch
            return;
        }
        FakeExchange ex = new FakeExchange(line[0], uri, line.length > 2 ? line[2] : "HTTP/1.1", headers, body);
        HANDLER.handle(ex);
        assertEquals(1, ex.answers, "answers");
        assertTrue(STATUSES.contains(ex.status), "status " + ex.status + " for " + lines.get(0));
    }

    /** Answers every verb at once, as a handler would. */
    private static final class Endpoint implements NexusEndpoint {
        @Override
        public StartOutcome start(StartRequest r) {
            return r.input().data().length % 2 == 0 ? new StartOutcome.Sync(r.input(), r.links())
                    : new StartOutcome.Async("tok", List.of());
        }

        @Override
        public FetchInfoOutcome fetchInfo(TokenRequest r) {
            return new FetchInfoOutcome.Info(new OperationInfo(r.token(), OperationState.RUNNING));
        }

        @Override
        public FetchResultOutcome fetchResult(TokenRequest r, Duration wait) {
            return wait.isZero() ? new FetchResultOutcome.Ready(Content.empty()) : new FetchResultOutcome.StillRunning();
        }

        @Override
        public CancelOutcome cancel(TokenRequest r) {
            return new CancelOutcome.Accepted();
        }
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    @Override
    public void close() {
    }

    @Override
    public InputStream getRequestBody() {
        return body;
    }

    @Override
    public OutputStream getResponseBody() {
        return out;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) {
        answers++;
        status = rCode;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return new InetSocketAddress(0);
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress(0);
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public Object getAttribute(String name) {
        return null;
    }

    @Override
    public void setAttribute(String name, Object value) {
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        body = i;
        out = o;
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}
