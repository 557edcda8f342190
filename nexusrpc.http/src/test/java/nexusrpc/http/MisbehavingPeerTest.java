package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Headers;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.NexusDurations;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.api.Content;
import org.junit.jupiter.api.Test;

/**
 * Callers and completion senders against peers that answer badly (issue 10, "Callbacks and clients"): every
 * exchange has one deadline and a bounded body, a default timeout, and no resend once an answer began.
 */
class MisbehavingPeerTest {

    /** What a fake peer does with each connection, after reading a request's head. */
    @FunctionalInterface
    private interface Behaviour {
        void answer(int connection, String requestHead, OutputStream out) throws Exception;
    }

    /** A raw HTTP peer on loopback, one thread per connection, closed by the test. */
    private static final class Peer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final List<String> heads = new CopyOnWriteArrayList<>();

        Peer(Behaviour behaviour) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        int n = connections.incrementAndGet();
                        Thread t = new Thread(() -> {
                            try (s) {
                                String head = head(s.getInputStream());
                                heads.add(head);
                                behaviour.answer(n, head, s.getOutputStream());
                            } catch (Exception e) {
                                // the client went away: expected in most of these tests
                            }
                        }, "peer-" + n);
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "peer-accept");
            accept.setDaemon(true);
            accept.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Reads up to the blank line, and the body if it declares a length. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
        }
        String head = b.toString(StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return head;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static final TokenRequest INFO = TokenRequest.builder("svc", "op", "tok").build();

    private static HandlerError error(Object outcome) {
        return assertInstanceOf(HandlerError.class, outcome);
    }

    @Test
    void aTricklingBodyIsCutAtTheCallsDeadline() throws Exception {
        try (Peer peer = new Peer((n, head, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
            for (int i = 0; i < 1000; i++) {
                Thread.sleep(100);
                write(out, " ");
            }
        })) {
            NexusHttpClient client = NexusHttpClient.builder(peer.uri()).defaultTimeout(Duration.ofMillis(500)).build();
            long t0 = System.nanoTime();
            FetchInfoOutcome outcome = client.fetchInfo(INFO);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ErrorType.REQUEST_TIMEOUT, error(outcome).type());
            // the deadline plus the second of grace the client gives the server's own 408, not the body's 100 s
            assertTrue(ms < 4000, ms + " ms");
        }
    }

    @Test
    void anOversizedBodyFailsTheCallWithoutBeingKept() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        try (Peer peer = new Peer((n, head, out) -> {
            // no length announced, and no end: only the client's limit stops it
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n");
            for (int i = 0; i < 100_000; i++) {
                out.write(chunk);
            }
        })) {
            NexusHttpClient client = NexusHttpClient.builder(peer.uri()).maxResponseSize(1 << 20).build();
            HandlerError e = error(client.fetchInfo(INFO));
            assertEquals(ErrorType.INTERNAL, e.type());
            assertTrue(e.exception().getMessage().contains("larger than the limit"), e.exception().getMessage());
        }
        try (Peer declared = new Peer((n, head, out) -> write(out,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5368709120\r\n\r\n{"))) {
            HandlerError e = error(NexusHttpClient.builder(declared.uri()).maxResponseSize(1 << 20).build()
                    .fetchInfo(INFO));
            assertTrue(e.exception().getMessage().contains("larger than the limit"), e.exception().getMessage());
        }
    }

    @Test
    void aRequestWhoseAnswerHadBegunIsNotSentAgain() throws Exception {
        try (Peer peer = new Peer((n, head, out) -> write(out, "HTTP/1.1 202 Accepted\r\nContent-Le"))) {
            CancelOutcome outcome = NexusHttpClient.create(peer.uri()).cancel(INFO);
            assertEquals(ErrorType.UNAVAILABLE, error(outcome).type());
            Thread.sleep(200);
            assertEquals(1, peer.connections.get(), "the cancel was sent again although its answer had begun");
        }
    }

    @Test
    void aRequestThatGotNoByteOfAnAnswerIsSentOnceMore() throws Exception {
        try (Peer peer = new Peer((n, head, out) -> {
            if (n > 1) {
                write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            }
            // the first connection closes without a byte: a keep-alive connection the server had just closed
        })) {
            CancelOutcome outcome = NexusHttpClient.create(peer.uri()).cancel(INFO);
            assertInstanceOf(CancelOutcome.Accepted.class, outcome);
            assertEquals(2, peer.connections.get());
        }
    }

    @Test
    void callsWithoutATimeoutGetTheDefaultOne() throws Exception {
        String info = "{\"id\":\"tok\",\"token\":\"tok\",\"state\":\"running\"}";
        try (Peer peer = new Peer((n, head, out) -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + info.length() + "\r\n\r\n" + info))) {
            assertInstanceOf(FetchInfoOutcome.Info.class, NexusHttpClient.create(peer.uri()).fetchInfo(INFO));
            String timeout = peer.heads.get(0).lines().filter(l -> l.toLowerCase().startsWith("request-timeout:"))
                    .findFirst().orElseThrow().substring(16).trim();
            Duration d = NexusDurations.parse(timeout);
            assertTrue(d.compareTo(Duration.ofSeconds(25)) > 0 && d.compareTo(Duration.ofSeconds(30)) <= 0, timeout);
        }
    }

    private static OperationCompletion completion() {
        return OperationCompletion.succeeded("tok", new Content(Headers.empty(), new byte[0]), Instant.now());
    }

    @Test
    void anEndlessCallbackAnswerIsNotRead() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        try (Peer peer = new Peer((n, head, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            for (int i = 0; i < 100_000; i++) {
                out.write(chunk);
            }
        }); CompletionSender sender = CompletionSender.builder().attemptTimeout(Duration.ofSeconds(5)).build()) {
            CompletableFuture<Void> delivered = sender.deliver(peer.uri() + "cb", Headers.empty(), completion());
            // accepted (200) once a bounded prefix was read, long before 6 GB of body
            delivered.get(4, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTricklingCallbackAnswerIsCutAtTheAttemptTimeout() throws Exception {
        // a refusal (a 2xx would be the receiver's acceptance, whatever its body: CompletionSenderLimitsTest)
        try (Peer peer = new Peer((n, head, out) -> {
            write(out, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 1000\r\n\r\n");
            for (int i = 0; i < 1000; i++) {
                Thread.sleep(100);
                write(out, " ");
            }
        }); CompletionSender sender = CompletionSender.builder().attemptTimeout(Duration.ofMillis(500))
                .retryPolicy(RetryPolicy.none()).build()) {
            long t0 = System.nanoTime();
            CompletableFuture<Void> delivered = sender.deliver(peer.uri() + "cb", Headers.empty(), completion());
            ExecutionException e = assertThrows(ExecutionException.class, () -> delivered.get(5, TimeUnit.SECONDS));
            assertInstanceOf(CompletionDeliveryException.class, e.getCause());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 3000, ms + " ms");
        }
    }

    @Test
    void theSendersOwnClientConnectsToTheCheckedAddress() throws Exception {
        try (Peer peer = new Peer((n, head, out) -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
                CompletionSender sender = CompletionSender.create()) {
            String url = "http://localhost:" + peer.socket.getLocalPort() + "/cb?x=1";
            sender.deliver(url, Headers.empty(), completion()).get(5, TimeUnit.SECONDS);
            // sent to the address the policy checked, as to a proxy: absolute form, the name in Host
            String head = peer.heads.get(0);
            assertTrue(head.startsWith("POST " + url + " HTTP/1.1"), head);
            assertTrue(head.toLowerCase().contains("host: localhost:" + peer.socket.getLocalPort()), head);
        }
        CheckedAddressSelector selector = new CheckedAddressSelector(CallbackUrlPolicy.defaults());
        assertEquals(List.of(java.net.Proxy.NO_PROXY), selector.select(URI.create("https://localhost/cb")));
        assertThrows(IllegalArgumentException.class, () -> selector.select(URI.create("http://169.254.169.254/")));
        assertThrows(IllegalArgumentException.class, () -> selector.select(URI.create("http://no-such-host.invalid/")));
    }
}
