package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sender's own bounds: connections on the wire, deliveries waiting, the threads completions finish on; and the
 * failures it retries rather than losing (this process out of file descriptors) or does not repeat (an accepted
 * completion whose answer was cut).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompletionSenderLimitsTest {
    private static final RetryPolicy QUICK = RetryPolicy.builder().initialDelay(Duration.ofMillis(10))
            .maxDelay(Duration.ofMillis(50)).maxElapsed(Duration.ofSeconds(30)).build();

    private static OperationCompletion completion(String token) {
        return OperationCompletion.succeeded(token, Content.of("application/json", "1".getBytes(StandardCharsets.UTF_8)),
                null);
    }

    @Test
    void twoThousandDeliveriesToASlowReceiverUseAtMostTheLimitOfConnectionsAndArriveOnceEach() throws Exception {
        int limit = 16;
        int deliveries = 2_000;
        try (RawReceiver receiver = new RawReceiver(RawReceiver.Mode.SLOW);
                CompletionSender sender = CompletionSender.builder().maxInFlightDeliveries(limit).retryPolicy(QUICK)
                        .build()) {
            assertEquals(limit, sender.maxInFlightDeliveries());
            assertEquals(CompletionSender.DEFAULT_MAX_QUEUED, sender.maxQueuedDeliveries());
            Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
            Thread test = Thread.currentThread();
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                CompletableFuture<Void> f = sender.deliver(receiver.url(), Headers.empty(), completion("t-" + i));
                futures.add(f.whenComplete((v, e) -> {
                    if (Thread.currentThread() != test) {
                        callbackThreads.add(Thread.currentThread().getName());
                    }
                }));
            }
            assertTrue(sender.inFlight() <= limit, "in flight: " + sender.inFlight());
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(50, TimeUnit.SECONDS);

            assertEquals(deliveries, receiver.tokens.size(), "every completion arrived");
            assertEquals(Set.of(1), Set.copyOf(receiver.tokens.values()), "and arrived once");
            assertTrue(receiver.maxConnections.get() <= limit,
                    "connections open at once: " + receiver.maxConnections.get() + ", limit " + limit);
            assertTrue(receiver.maxRequests.get() <= limit, "requests at once: " + receiver.maxRequests.get());
            assertTrue(receiver.maxRequests.get() > 1, "deliveries went in parallel: " + receiver.maxRequests.get());
            assertTrue(callbackThreads.stream().allMatch(n -> n.startsWith("nexus-completion-callbacks-")),
                    "futures complete on the sender's pool: " + callbackThreads);
            assertTrue(callbackThreads.size() <= CompletionSender.CALLBACK_THREADS, "threads: " + callbackThreads);
            // the slot is given back just after the future completes: wait for it a little
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((sender.pending() != 0 || sender.inFlight() != 0) && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(0, sender.pending());
            assertEquals(0, sender.inFlight());
        }
    }

    @Test
    void aDeliveryBeyondTheQueueFailsAtOnceNamingTheLimitToRaise() throws Exception {
        try (RawReceiver receiver = new RawReceiver(RawReceiver.Mode.SILENT);
                CompletionSender sender = CompletionSender.builder().maxInFlightDeliveries(1).maxQueuedDeliveries(2)
                        .build()) {
            List<CompletableFuture<Void>> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(sender.deliver(receiver.url(), Headers.empty(), completion("held-" + i)));
            }
            CompletableFuture<Void> refused = sender.deliver(receiver.url(), Headers.empty(), completion("refused"));
            // settled before deliver returned: nothing waits for a place, nothing grows
            assertTrue(refused.isCompletedExceptionally(), "refused at once");
            ExecutionException e = assertThrows(ExecutionException.class, refused::get);
            CompletionDeliveryException failure = assertInstanceOf(CompletionDeliveryException.class, e.getCause());
            assertTrue(failure.getMessage().contains("queue is full")
                    && failure.getMessage().contains("maxQueuedDeliveries"), failure.getMessage());
            assertEquals(3, sender.pending());
            assertTrue(held.stream().noneMatch(CompletableFuture::isDone), "the held ones still wait");
        }
    }

    @Test
    void tooManyOpenFilesIsRetriedNotFinal() throws Exception {
        try (RawReceiver receiver = new RawReceiver(RawReceiver.Mode.SLOW)) {
            // java.net.http reports a socket it cannot open as an InternalError around the IOException, through the
            // future or thrown at once
            ExhaustedClient client = new ExhaustedClient(2);
            try (CompletionSender sender = CompletionSender.builder().httpClient(client).retryPolicy(QUICK).build()) {
                sender.deliver(receiver.url(), Headers.empty(), completion("exhausted")).get(30, TimeUnit.SECONDS);
            }
            assertEquals(3, client.calls.get(), "two refused attempts, then the one that went through");
            assertEquals(Map.of("exhausted", 1), Map.copyOf(receiver.tokens));
        }
    }

    @Test
    void anAcceptedCompletionWhoseAnswerIsCutIsNotSentAgain() throws Exception {
        try (RawReceiver receiver = new RawReceiver(RawReceiver.Mode.ACCEPT_THEN_STALL);
                CompletionSender sender = CompletionSender.builder().attemptTimeout(Duration.ofMillis(500))
                        .retryPolicy(QUICK).build()) {
            sender.deliver(receiver.url(), Headers.empty(), completion("accepted")).get(30, TimeUnit.SECONDS);
            assertEquals(Map.of("accepted", 1), Map.copyOf(receiver.tokens), "delivered once: the 200 was the answer");
        }
    }

    /**
     * An HTTP/1.1 receiver on a plain socket, so that it can count the connections the sender holds open (the JDK
     * server does not say) and misbehave on purpose.
     */
    private static final class RawReceiver implements AutoCloseable {
        enum Mode {
            /** Answers 200 a few milliseconds after each request. */
            SLOW,
            /** Reads requests and never answers. */
            SILENT,
            /** Answers 200 with a Content-Length it never sends. */
            ACCEPT_THEN_STALL
        }

        final Map<String, Integer> tokens = new ConcurrentHashMap<>();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger maxConnections = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger maxRequests = new AtomicInteger();
        private final Mode mode;
        private final ServerSocket server;
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "raw-receiver");
            t.setDaemon(true);
            return t;
        });
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();

        RawReceiver(Mode mode) throws IOException {
            this.mode = mode;
            this.server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
            threads.execute(this::accept);
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/callback";
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    open.add(s);
                    maxConnections.accumulateAndGet(connections.incrementAndGet(), Math::max);
                    threads.execute(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                while (true) {
                    Map<String, String> headers = readHeaders(in);
                    if (headers == null) {
                        return;
                    }
                    in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                    maxRequests.accumulateAndGet(requests.incrementAndGet(), Math::max);
                    try {
                        tokens.merge(headers.get("nexus-operation-token"), 1, Integer::sum);
                        switch (mode) {
                            case SILENT -> Thread.sleep(60_000);
                            case ACCEPT_THEN_STALL -> {
                                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(
                                        StandardCharsets.US_ASCII));
                                out.flush();
                                Thread.sleep(60_000);
                            }
                            default -> {
                                Thread.sleep(5);
                                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(
                                        StandardCharsets.US_ASCII));
                                out.flush();
                            }
                        }
                    } finally {
                        requests.decrementAndGet();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the sender closed the connection, or the test is over
            } finally {
                open.remove(s);
                connections.decrementAndGet();
            }
        }

        /** The request's headers, lower-case names; null at the end of the connection. */
        private static Map<String, String> readHeaders(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            return headers;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
            threads.shutdownNow();
        }
    }

    /** A client that cannot open a socket for its first {@code failures} requests, then sends them for real. */
    private static final class ExhaustedClient extends HttpClient {
        final AtomicInteger calls = new AtomicInteger();
        private final int failures;
        private final HttpClient real = HttpClient.newBuilder().version(Version.HTTP_1_1).build();

        ExhaustedClient(int failures) {
            this.failures = failures;
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h) {
            int n = calls.incrementAndGet();
            InternalError noSocket = new InternalError(new IOException("Too many open files"));
            if (n == 1) {
                return CompletableFuture.failedFuture(noSocket);
            }
            if (n <= failures) {
                throw noSocket;
            }
            return real.sendAsync(r, h);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h,
                HttpResponse.PushPromiseHandler<T> p) {
            return sendAsync(r, h);
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> h) throws IOException {
            throw new IOException("not used");
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return Optional.empty();
        }

        @Override
        public Redirect followRedirects() {
            return Redirect.NEVER;
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return Optional.empty();
        }

        @Override
        public SSLContext sslContext() {
            return real.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return real.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return Optional.empty();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

        @Override
        public Optional<Executor> executor() {
            return Optional.empty();
        }
    }
}
