package reliability.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.api.OperationState;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.http.CompletionReceiver;
import nexusrpc.http.CompletionSender;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A soak of mixed calls over HTTP, on loopback: synchronous calls, asynchronous starts whose completions go to a
 * callback receiver, and starts canceled at once (their cancellations go to the receiver too), from concurrent
 * clients. The receiver goes down and comes back up again and again while completions flow. The completions go
 * through the server's {@link CompletionSender} with nothing in front of it: its own limit of deliveries on the
 * wire is what keeps the connections bounded. Checked: every call answered as it should be, every completion
 * delivered exactly once with the right state, never more deliveries on the wire than the sender's limit, heap and
 * file descriptors flat between an early point and the end, and descriptors bounded all along. The figures (calls,
 * p50/p99 latency, most descriptors and deliveries in flight seen, heap) go to {@code target/soak-report.txt} and,
 * as {@code soak:} lines, to the test's output file.
 *
 * <p>{@code -Dsoak.calls=N} sets the number of operations: 20,000 in the default build (about 35 s), 100,000 with
 * the pom's profile {@code soak}, which {@code .ci/run} runs (a few minutes). Live threads are reported, not
 * checked: the pools behind the HTTP client and the jobs keep idle threads for a minute by design.
 */
class SoakTest {
    private static final int CALLS = Integer.getInteger("soak.calls", 20_000);
    private static final int CLIENTS = 16;
    /** The receiver is up this long, then down for {@link #DOWN}, over and over while the calls run. */
    private static final Duration UP = Duration.ofMillis(2_500);
    private static final Duration DOWN = Duration.ofMillis(700);
    private static final String CALLBACK_PATH = "/callbacks";

    /**
     * The state of each completion received, by token (the demo kind's tokens are UUIDs: kept as such, so that this
     * bookkeeping, about 100 bytes per operation, does not hide the heap growth the soak looks for).
     */
    private final Map<UUID, OperationState> received = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    /** The state each started asynchronous operation must end in, by token. */
    private final Map<UUID, OperationState> expected = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger syncCalls = new AtomicInteger();
    private final AtomicInteger asyncCalls = new AtomicInteger();
    private final AtomicInteger cancelCalls = new AtomicInteger();
    /** Nanoseconds each operation took, start (and cancel) included, by its number. */
    private final long[] latencies = new long[CALLS];
    private final AtomicLong maxFds = new AtomicLong();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger maxPending = new AtomicInteger();
    private final AtomicLong maxHeap = new AtomicLong();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void mixedCallsWithACallbackReceiverThatGoesDownAndUp() throws Exception {
        FlakyReceiver receiver = new FlakyReceiver(CompletionReceiver.create(c -> {
            if (received.putIfAbsent(UUID.fromString(c.token()), c.state()) != null) {
                duplicates.incrementAndGet();
            }
        }));
        // short backoff, so that completions held back while the receiver is down arrive soon after it is back;
        // the default callback URL policy, which lets callers on this host (loopback) be called back
        CompletionSender sender = CompletionSender.builder()
                .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMillis(50)).maxDelay(Duration.ofMillis(500))
                        .maxElapsed(Duration.ofMinutes(3)).build())
                .build();
        NexusHandler handler = NexusHandler.builder().service(new SoakImpl()).build();
        // the sender as the server would use it: its own bound on deliveries in flight (the default, 64) is the only one
        NexusHttpServer server = NexusHttpServer.builder(handler).completionDelivery(sender)
                .closeEndpointOnStop(true).build().start();
        NexusHttpClient client = NexusHttpClient.create(server.baseUri());
        String callbackUrl = "http://127.0.0.1:" + receiver.port + CALLBACK_PATH;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        Thread flapping = new Thread(receiver::flap, "receiver-flapping");
        AtomicInteger next = new AtomicInteger();
        // the peaks, five times a second; one line a second in the output file: descriptors, threads, progress,
        // deliveries on the wire and held (on the wire, waiting for a slot or for a retry)
        Thread sampler = new Thread(() -> {
            try {
                for (int tick = 1; ; tick++) {
                    Thread.sleep(200);
                    long fds = Usage.openFds();
                    maxFds.accumulateAndGet(fds, Math::max);
                    maxInFlight.accumulateAndGet(sender.inFlight(), Math::max);
                    maxPending.accumulateAndGet(sender.pending(), Math::max);
                    maxHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                            Math::max);
                    if (tick % 5 == 0) {
                        System.out.println("sample: fds " + fds + ", threads "
                                + ManagementFactory.getThreadMXBean().getThreadCount() + ", calls " + next.get()
                                + ", delivered " + received.size() + "/" + expected.size() + ", on the wire "
                                + sender.inFlight() + ", held " + sender.pending());
                    }
                }
            } catch (InterruptedException e) {
                // the soak is over
            }
        }, "soak-sampler");
        sampler.setDaemon(true);
        try {
            int warmUp = CALLS / 10;
            long t0 = System.nanoTime();
            run(clients, client, callbackUrl, next, warmUp);
            awaitDeliveries(Duration.ofMinutes(1));
            Usage before = Usage.now();

            flapping.start();
            sampler.start();
            long t1 = System.nanoTime();
            run(clients, client, callbackUrl, next, CALLS);
            long callsMillis = (System.nanoTime() - t1) / 1_000_000;
            receiver.stopFlapping(flapping);
            long t2 = System.nanoTime();
            awaitDeliveries(Duration.ofMinutes(3));
            long drainMillis = (System.nanoTime() - t2) / 1_000_000;
            Usage after = Usage.now();

            long missing = expected.keySet().stream().filter(t -> !received.containsKey(t)).count();
            long wrongState = expected.entrySet().stream()
                    .filter(e -> received.containsKey(e.getKey()) && received.get(e.getKey()) != e.getValue())
                    .count();
            Latency latency = Latency.of(latencies, warmUp, CALLS);
            String figures = String.format("soak: %d operations (%d sync, %d async, %d async then canceled; %d calls"
                    + " with the cancels) in %d ms after a warm-up of %d, total %d ms; receiver down %d times;"
                    + " %d completions expected, %d delivered, %d missing, %d duplicated, %d in a wrong state;"
                    + " drained %d ms after the last call; heap after GC %d -> %d KiB; open fds %d -> %d;"
                    + " live threads %d -> %d",
                    CALLS, syncCalls.get(), asyncCalls.get(), cancelCalls.get(), CALLS + cancelCalls.get(),
                    callsMillis, warmUp, (System.nanoTime() - t0) / 1_000_000, receiver.downs.get(),
                    expected.size(), received.size(), missing, duplicates.get(), wrongState, drainMillis,
                    before.heapBytes / 1024, after.heapBytes / 1024, before.fds, after.fds, before.threads,
                    after.threads);
            String peaks = String.format("soak: latency per operation p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
                    + " %.0f operations/s; peaks: %d open fds (%d before), %d deliveries on the wire (limit %d),"
                    + " %d held, heap %d KiB",
                    latency.p50Millis(), latency.p99Millis(), latency.maxMillis(),
                    (CALLS - warmUp) * 1000.0 / Math.max(1, callsMillis), maxFds.get(), before.fds, maxInFlight.get(),
                    sender.maxInFlightDeliveries(), maxPending.get(), maxHeap.get() / 1024);
            System.out.println(figures);
            System.out.println(peaks);
            report(figures, peaks);

            assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())), figures);
            assertEquals(CALLS, syncCalls.get() + asyncCalls.get() + cancelCalls.get(), "every call answered");
            assertTrue(receiver.downs.get() >= 2, "the receiver went down while completions flowed: " + figures);
            assertEquals(0, missing, "no completion lost: " + figures);
            assertEquals(0, duplicates.get(), "no completion delivered twice: " + figures);
            assertEquals(0, wrongState, figures);
            assertEquals(expected.size(), received.size(), "no completion of an operation nobody started");
            // flat: the jobs' tables, the sender's queue and the connections are bounded, whatever the number of calls
            assertTrue(after.heapBytes - before.heapBytes < 32L * 1024 * 1024, "heap flat: " + figures);
            // connections kept alive differ between two quiet moments by up to 16 client and 64 delivery
            // connections, both ends in this JVM (160); a leak per call or per receiver restart is thousands here
            assertTrue(after.fds - before.fds < 200, "descriptors flat: " + figures);
            // and all along: without the sender's limit a receiver that was down met thousands of deliveries at once
            assertTrue(maxInFlight.get() <= sender.maxInFlightDeliveries(), peaks);
            assertTrue(maxFds.get() - before.fds < 400, "descriptors bounded while the receiver flapped: " + peaks);
        } finally {
            receiver.stopFlapping(flapping);
            sampler.interrupt();
            clients.shutdownNow();
            server.close();
            sender.close();
            receiver.close();
        }
    }

    /** Writes the figures where a build keeps them: {@code soak.report}, by default {@code target/soak-report.txt}. */
    private static void report(String... lines) throws IOException {
        Path file = Path.of(System.getProperty("soak.report", "target/soak-report.txt"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }

    /** Per-operation latency percentiles of operations {@code from} (inclusive) to {@code to} (exclusive). */
    private record Latency(double p50Millis, double p99Millis, double maxMillis) {
        static Latency of(long[] nanos, int from, int to) {
            long[] sorted = Arrays.copyOfRange(nanos, from, to);
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return new Latency(0, 0, 0);
            }
            return new Latency(at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }

        private static double at(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }

    /** Runs calls number {@code next} up to {@code until} on the client threads, and waits for them. */
    private void run(ExecutorService pool, NexusHttpClient client, String callbackUrl, AtomicInteger next, int until)
            throws InterruptedException {
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < CLIENTS; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < until && errors.size() < 100) {
                    try {
                        long t = System.nanoTime();
                        call(client, callbackUrl, i);
                        latencies[i] = System.nanoTime() - t;
                    } catch (RuntimeException e) {
                        errors.add("call " + i + ": " + e);
                    }
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : workers) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                errors.add(String.valueOf(e.getCause()));
            }
        }
        next.set(until);
    }

    /** Call {@code i}: 50 % synchronous, 35 % asynchronous, 15 % asynchronous and canceled right after the start. */
    private void call(NexusHttpClient client, String callbackUrl, int i) {
        int kind = i % 20;
        String input = "\"" + i + "\"";
        if (kind < 10) {
            String result = client.start(request("echo", input, null)).accept(new Started("echo " + i));
            if (!result.equals(input)) {
                errors.add("echo " + i + " answered " + result);
            }
            syncCalls.incrementAndGet();
            return;
        }
        boolean cancel = kind >= 17;
        String token = client.start(request(cancel ? "hold" : "quick", input, callbackUrl))
                .accept(new Started("start " + i));
        expected.put(UUID.fromString(token), cancel ? OperationState.CANCELED : OperationState.SUCCEEDED);
        if (!cancel) {
            asyncCalls.incrementAndGet();
            return;
        }
        client.cancel(TokenRequest.builder("soak", "hold", token).build()).accept(new CancelOutcome.Visitor<Void>() {
            @Override
            public Void accepted(CancelOutcome.Accepted accepted) {
                return null;
            }

            @Override
            public Void handlerError(HandlerError error) {
                errors.add("cancel " + i + ": " + error.exception());
                return null;
            }

            @Override
            public Void deadlineExceeded(DeadlineExceeded deadline) {
                errors.add("cancel " + i + ": deadline exceeded");
                return null;
            }
        });
        cancelCalls.incrementAndGet();
    }

    private static StartRequest request(String operation, String jsonInput, String callbackUrl) {
        return StartRequest.builder("soak", operation)
                .input(Content.of("application/json", jsonInput.getBytes(StandardCharsets.UTF_8)))
                .callbackUrl(callbackUrl).callbackHeaders(Headers.empty())
                .deadline(Instant.now().plusSeconds(30)).build();
    }

    /** A start's answer: the result's JSON of a synchronous one, the token of an asynchronous one. */
    private final class Started implements StartOutcome.Visitor<String> {
        private final String what;

        Started(String what) {
            this.what = what;
        }

        @Override
        public String sync(StartOutcome.Sync sync) {
            return new String(sync.result().data(), StandardCharsets.UTF_8);
        }

        @Override
        public String async(StartOutcome.Async async) {
            return async.token();
        }

        @Override
        public String operationFailure(OperationFailure failure) {
            throw new IllegalStateException(what + " failed: " + failure.failure().message());
        }

        @Override
        public String handlerError(HandlerError error) {
            throw new IllegalStateException(what + ": " + error.type() + " " + error.failure().message());
        }

        @Override
        public String deadlineExceeded(DeadlineExceeded deadline) {
            throw new IllegalStateException(what + ": deadline exceeded");
        }
    }

    private void awaitDeliveries(Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (received.size() < expected.size() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    /** Heap after a full collection, open file descriptors and live threads. */
    private record Usage(long heapBytes, long fds, int threads) {
        static Usage now() throws InterruptedException {
            long heap = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
                heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            return new Usage(heap, openFds(), ManagementFactory.getThreadMXBean().getThreadCount());
        }

        static long openFds() {
            return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getOpenFileDescriptorCount();
        }
    }

    /** The caller's callback receiver, on one port, which it leaves and binds again. */
    private static final class FlakyReceiver implements AutoCloseable {
        final int port;
        final AtomicInteger downs = new AtomicInteger();
        private final CompletionReceiver handler;
        private final ExecutorService pool = Executors.newFixedThreadPool(4);
        private final AtomicLong flapUntil = new AtomicLong(Long.MAX_VALUE);
        private HttpServer server;

        FlakyReceiver(CompletionReceiver handler) throws IOException {
            this.handler = handler;
            this.server = bind(0);
            this.port = server.getAddress().getPort();
        }

        private HttpServer bind(int p) throws IOException {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 0);
            s.createContext(CALLBACK_PATH, handler);
            s.setExecutor(pool);
            s.start();
            return s;
        }

        /** Up for {@link #UP}, down for {@link #DOWN}, until {@link #stopFlapping}; up when it returns. */
        void flap() {
            try {
                while (System.nanoTime() < flapUntil.get()) {
                    Thread.sleep(UP.toMillis());
                    synchronized (this) {
                        // requests being handled finish first: a completion is either received and acknowledged,
                        // or not received at all (and sent again), never received and then failed
                        server.stop(1);
                        downs.incrementAndGet();
                    }
                    Thread.sleep(DOWN.toMillis());
                    synchronized (this) {
                        server = rebind();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new IllegalStateException("the receiver could not come back on port " + port, e);
            }
        }

        private HttpServer rebind() throws IOException, InterruptedException {
            for (int attempt = 1; ; attempt++) {
                try {
                    return bind(port);
                } catch (BindException e) {
                    if (attempt == 50) {
                        throw e;
                    }
                    Thread.sleep(20);
                }
            }
        }

        void stopFlapping(Thread flapping) throws InterruptedException {
            flapUntil.set(Long.MIN_VALUE);
            flapping.interrupt();
            flapping.join(10_000);
            synchronized (this) {
                if (downs.get() > 0 && !isUp()) {
                    try {
                        server = rebind();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }

        private boolean isUp() {
            try {
                new java.net.Socket(InetAddress.getLoopbackAddress(), port).close();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public synchronized void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
