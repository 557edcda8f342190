package nexusrpc.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.Failure;
import nexusrpc.api.Headers;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Link;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.handler.transport.CallResult;
import nexusrpc.handler.transport.CompletionDelivery;
import nexusrpc.handler.transport.ObservedCall;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.http.internal.BoundedBody;
import nexusrpc.http.internal.HttpTimes;
import nexusrpc.http.internal.Outbound;
import nexusrpc.http.internal.LinkHeaders;
import nexusrpc.http.internal.NetworkErrors;
import nexusrpc.http.internal.Wire;
import nexusrpc.http.internal.WireErrors;
import nexusrpc.http.internal.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers completions of asynchronous operations to the callback URLs callers gave at start.
 *
 * <p>A completion is a {@code POST} to the callback URL with the caller's callback headers, {@code
 * Nexus-Operation-State}, {@code Nexus-Operation-Token}, {@code Nexus-Operation-Start-Time} (HTTP date), {@code
 * Nexus-Operation-Close-Time} (RFC 3339, milliseconds), the links, and the result (with its {@code Content-*}
 * headers) or a Failure ({@code application/json}). Before every attempt the URL is checked against the {@link
 * CallbackUrlPolicy}. Retryable failures (5xx, 408, 429, connection refused, timeouts, this process out of connections) are retried as the {@link
 * RetryPolicy} allows (default: 200 ms doubling up to 10 s, with jitter, for one minute). A completion is never
 * dropped silently: each {@link #deliver} returns a future that completes when the receiver accepted it, or fails
 * with a {@link CompletionDeliveryException} that is also logged. Asynchronous: no thread waits during backoff.
 *
 * <p>Bounded: at most {@link Builder#maxInFlightDeliveries(int)} attempts are on the wire at once (default {@value
 * #DEFAULT_MAX_IN_FLIGHT}, one connection each), so a burst of completions or a receiver that is down cannot make
 * the sender open thousands of connections. The others wait, without a thread, for a free slot or for their next
 * retry; at most {@link Builder#maxQueuedDeliveries(int)} of them (default {@value #DEFAULT_MAX_QUEUED}). When that
 * many wait, {@link #deliver} fails at once with a {@link CompletionDeliveryException} naming the limit to raise:
 * memory never grows with the backlog. An attempt's time limit starts when it goes on the wire, not while it waits.
 * This process running out of resources for a connection (too many open files, no local port, the HTTP client's
 * executor refusing work) is retried like a network failure: it says nothing about the receiver.
 *
 * <p>At most one attempt of a delivery is on its way at a time: the next starts only after the previous one ended
 * (failed, or cut at its time limit and its connection closed) and its backoff passed. A 2xx status is the
 * receiver's acceptance even when the rest of its answer fails or is cut, so it is never sent again. An attempt cut
 * at its time limit may still have been processed by a slow receiver: receivers should take a completion they
 * already have (the token says which) as accepted.
 *
 * <p>The delivery futures complete, and their dependent actions run, on the sender's own small pool of {@value
 * #CALLBACK_THREADS} threads ({@code nexus-completion-callbacks-N}), never on a thread per delivery: keep those
 * actions short, or move long work to your own executor.
 *
<p>Each attempt is bounded: {@link Builder#attemptTimeout(Duration)} covers connecting, the receiver's headers and
 * its whole body, of which at most 64 KiB is read (a receiver answering with an endless or trickling body costs
 * neither memory nor more time). The sender's own {@code HttpClient} connects to the address the policy checked
 * (no second resolution of the name, see {@link CallbackUrlPolicy}); one given with {@link
 * Builder#httpClient(HttpClient)} resolves names itself, and the policy's check then only covers the resolution it
 * made.
 *
 * <p>It is the HTTP {@link CompletionDelivery}: a {@link NexusHttpServer} hands one to every start (its own by
 * default), and handlers reach it through {@code OperationContext.completionCallback()}. Thread-safe.
 */
public final class CompletionSender implements CompletionDelivery, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionSender.class);

    private final HttpClient http;
    private final CallbackUrlPolicy policy;
    private final RetryPolicy retryPolicy;
    private final Duration attemptTimeout;
    private final TransportObserver observer;
    private final ScheduledThreadPoolExecutor scheduler;
    /** Runs the handling of each attempt's end, the retries' restarts and so the delivery futures' dependents. */
    private final ThreadPoolExecutor callbacks;
    private final int maxInFlight;
    private final int maxQueued;
    /** Deliveries accepted and not settled: at most {@code maxInFlight + maxQueued}. */
    private final Set<Delivery> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger held = new AtomicInteger();
    /** Attempts on the wire: at most {@code maxInFlight}. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Deliveries waiting for a free slot, first come first served (a retry joins at the end). */
    private final ConcurrentLinkedQueue<Delivery> ready = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** The default {@link Builder#maxInFlightDeliveries(int)}. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** The default {@link Builder#maxQueuedDeliveries(int)}. */
    public static final int DEFAULT_MAX_QUEUED = 10_000;
    /** Threads that complete delivery futures (and run their dependent actions). */
    public static final int CALLBACK_THREADS = 4;

    /** The most of a receiver's answer that is read: enough for a failure's message, not for an endless body. */
    private static final int MAX_ANSWER = 64 * 1024;

    private CompletionSender(Builder b) {
        this.maxInFlight = b.maxInFlight;
        this.maxQueued = b.maxQueued;
        if (b.httpClient != null) {
            this.http = b.httpClient;
        } else {
            // the JDK client's default executor starts a thread per task when busy: a small fixed pool instead, whose
            // queue holds a few tasks per attempt on the wire (at most maxInFlight of them)
            HttpClient.Builder client = Outbound.defaultClientBuilder().proxy(new CheckedAddressSelector(b.policy))
                    .executor(pool("nexus-completion-http-", new LinkedBlockingQueue<>()));
            this.http = (b.tls != null ? b.tls.applyTo(client) : client).build();
        }
        // one task per attempt ending or retry due, so maxInFlight plus the retries due at once; should it ever be
        // full, the task runs on the thread that ended the attempt rather than being lost
        this.callbacks = pool("nexus-completion-callbacks-", new ArrayBlockingQueue<>(2 * maxInFlight + 64));
        this.policy = b.policy;
        this.retryPolicy = b.retryPolicy;
        this.attemptTimeout = b.attemptTimeout;
        this.observer = b.observer;
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "nexus-completion-retries");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** {@value #CALLBACK_THREADS} daemon threads that end when idle. */
    private static ThreadPoolExecutor pool(String name, BlockingQueue<Runnable> queue) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(CALLBACK_THREADS, CALLBACK_THREADS, 30, TimeUnit.SECONDS, queue,
                r -> {
                    Thread t = new Thread(r, name + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    /** A sender with the default settings (default policy, retries for one minute). */
    public static CompletionSender create() {
        return builder().build();
    }

    /** A builder with the default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Delivers a completion to the callback a start request asked for ({@link StartOptions#callbackUrl()}). */
    public CompletableFuture<Void> send(StartOptions startOptions, OperationCompletion completion) {
        return deliver(startOptions.callbackUrl(), startOptions.callbackHeaders(), completion);
    }

    /**
     * Delivers a completion.
     *
     * @param callbackUrl the URL from the start request
     * @param callbackHeaders the callback headers from the start request, sent verbatim
     * @return completes when the receiver accepted the completion; fails with {@link CompletionDeliveryException}
     */
    @Override
    public CompletableFuture<Void> deliver(String callbackUrl, Headers callbackHeaders,
            OperationCompletion completion) {
        Objects.requireNonNull(completion, "completion");
        Delivery d = new Delivery(callbackUrl, callbackHeaders == null ? Headers.empty() : callbackHeaders, completion);
        if (closed) {
            d.fail("the completion sender is closed", -1, null);
            return d.future;
        }
        if (!hold()) {
            d.fail("the sender's queue is full: " + maxInFlight + " deliveries on their way and " + maxQueued
                    + " waiting; raise CompletionSender.Builder.maxQueuedDeliveries (or maxInFlightDeliveries, if"
                    + " the receivers can take more at once)", -1, null);
            return d.future;
        }
        pending.add(d);
        d.future.whenComplete((v, e) -> {
            pending.remove(d);
            held.decrementAndGet();
        });
        ready.add(d);
        dispatch();
        return d.future;
    }

    /** Takes a place for one more delivery, if fewer than the limits allow are held. */
    private boolean hold() {
        while (true) {
            int n = held.get();
            if (n >= maxInFlight + maxQueued) {
                return false;
            }
            if (held.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Starts waiting deliveries while fewer than {@code maxInFlight} attempts are on the wire. */
    private void dispatch() {
        while (!ready.isEmpty()) {
            int n = inFlight.get();
            if (n >= maxInFlight) {
                return;
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            Delivery d = ready.poll();
            if (d == null) {
                // another thread took it between isEmpty and poll; one added since then is seen by the next turn
                inFlight.decrementAndGet();
                continue;
            }
            d.attempt();
        }
    }

    /** Frees the slot of an attempt that ended (or never went on the wire), and starts a waiting delivery in it. */
    private void release() {
        inFlight.decrementAndGet();
        dispatch();
    }

    /** Completions being delivered now (on the wire, waiting for a slot or for a retry). */
    public int pending() {
        return pending.size();
    }

    /** Attempts on the wire now; never more than {@link #maxInFlightDeliveries()}. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most attempts on the wire at once (one connection each). */
    public int maxInFlightDeliveries() {
        return maxInFlight;
    }

    /** The most deliveries waiting for a slot or a retry before {@link #deliver} refuses more. */
    public int maxQueuedDeliveries() {
        return maxQueued;
    }

    /** Stops retrying: deliveries still pending fail (and are logged) instead of being retried. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        for (Delivery d : pending) {
            d.fail("the completion sender was closed before the completion was delivered", d.lastStatus, null);
        }
        ready.clear();
        // queued tasks still run (they find the deliveries settled); the threads then end
        callbacks.shutdown();
    }

    /** One completion on its way, with its retry state. */
    private final class Delivery {
        final String url;
        final Headers callbackHeaders;
        final OperationCompletion completion;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        /** When the first attempt went on the wire: the retry policy's elapsed time leaves out the wait for it. */
        long firstAttemptNanos;
        /** Created on the thread that asked for the delivery, so that it can carry that thread's context. */
        final TransportObserver.Outgoing observed;
        int attempts;
        volatile int lastStatus = -1;
        volatile CallResult lastResult;
        final AtomicBoolean observedEnd = new AtomicBoolean();

        Delivery(String url, Headers callbackHeaders, OperationCompletion completion) {
            this.url = url;
            this.callbackHeaders = callbackHeaders;
            this.completion = completion;
            this.observed = observer.outgoing(
                    new ObservedCall("http", ObservedCall.Kind.COMPLETION, null, null, null, url));
        }

        /**
         * One try, in a slot {@link #dispatch} took for it: ends with the future settled or a retry scheduled, never
         * with neither, and gives the slot back once the attempt is off the wire.
         */
        void attempt() {
            if (future.isDone()) {
                inFlight.decrementAndGet();
                return;
            }
            if (closed) {
                // a send racing with close() can get here after close() failed the pending ones
                fail("the completion sender was closed before the completion was delivered", lastStatus, null);
                inFlight.decrementAndGet();
                return;
            }
            URI uri;
            HttpRequest request;
            TransportObserver.Attempt attempt;
            try {
                try {
                    uri = policy.check(url);
                } catch (IllegalArgumentException e) {
                    fail("the callback URL is refused by the callback URL policy: " + e.getMessage(), -1, null);
                    inFlight.decrementAndGet();
                    return;
                }
                HttpRequest.Builder builder = request(uri);
                if (attempts++ == 0) {
                    firstAttemptNanos = System.nanoTime();
                }
                attempt = observed.attempt(attempts, builder::setHeader);
                request = builder.build();
            } catch (IllegalArgumentException e) {
                fail("the completion request cannot be built: " + e.getMessage(), -1, null);
                inFlight.decrementAndGet();
                return;
            }
            BoundedBody answer = new BoundedBody(MAX_ANSWER, true);
            CompletableFuture<HttpResponse<byte[]>> sent;
            try {
                sent = http.sendAsync(request, answer.handler());
            } catch (RuntimeException | InternalError e) {
                // java.net.http refuses some requests at once instead of through the future, and reports a socket
                // it cannot open (too many open files) as an InternalError
                inFlight.decrementAndGet();
                failed(e, uri, attempt, answer);
                return;
            }
            // one deadline for the whole exchange: java.net.http's own timeout stops at the headers
            ScheduledFuture<?> deadline;
            try {
                deadline = scheduler.schedule(() -> {
                    answer.abort(new HttpTimeoutException("the attempt took longer than " + attemptTimeout));
                    sent.cancel(true);
                }, attemptTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                sent.cancel(true);
                fail("the completion sender was closed before the completion was delivered", lastStatus, null);
                inFlight.decrementAndGet();
                return;
            }
            sent.whenCompleteAsync((response, error) -> {
                deadline.cancel(false);
                try {
                    if (error != null) {
                        failed(error, uri, attempt, answer);
                    } else {
                        answered(response.statusCode(), describe(response), attempt);
                    }
                } finally {
                    release();
                }
            }, callbacks);
        }

        /** An attempt that got no whole answer: retried if it may succeed later, unless the receiver accepted it. */
        private void failed(Throwable error, URI uri, TransportObserver.Attempt attempt, BoundedBody answer) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            int status = answer.status();
            if (status >= 200 && status < 300) {
                // accepted; only the rest of the answer failed or was cut: sending it again would deliver it twice
                answered(status, "", attempt);
                return;
            }
            if (cause instanceof CancellationException) {
                cause = new HttpTimeoutException("the attempt took longer than " + attemptTimeout);
            }
            if (NetworkErrors.transientFailure(cause)) {
                ErrorType type = cause instanceof HttpTimeoutException ? ErrorType.REQUEST_TIMEOUT
                        : NetworkErrors.localExhaustion(cause) ? ErrorType.RESOURCE_EXHAUSTED : ErrorType.UNAVAILABLE;
                retryOrFail("the receiver could not be reached: " + NetworkErrors.describe(cause, uri), cause,
                        attempt, CallResult.transportFailure(type, cause));
            } else {
                ended(attempt, CallResult.transportFailure(ErrorType.INTERNAL, cause), false);
                fail("sending the completion failed: " + NetworkErrors.describe(cause, uri), -1, cause);
            }
        }

        /** An attempt the receiver answered with {@code status}. */
        private void answered(int status, String described, TransportObserver.Attempt attempt) {
            lastStatus = status;
            if (status >= 200 && status < 300) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("delivered the {} completion of operation {} to {} after {} attempt(s)",
                            completion.state().wireName(), completion.token(), url, attempts);
                }
                CallResult ok = CallResult.ok(status);
                attempt.end(ok);
                // observed before the future completes, so that whoever waits on it sees the observation
                endObserved(ok);
                future.complete(null);
                return;
            }
            CallResult refused = CallResult.handlerError(Wire.typeOf(status), status,
                    described.isEmpty() ? null : described.substring(2));
            if (status >= 500 || status == 429 || status == 408) {
                retryOrFail("the receiver answered " + status + described, null, attempt, refused);
            } else {
                ended(attempt, refused, false);
                fail("the receiver refused the completion with " + status + described, status, null);
            }
        }

        /** Tells the observer how the delivery ended, once (a close() can race with the last attempt). */
        private void endObserved(CallResult result) {
            if (observedEnd.compareAndSet(false, true)) {
                observed.end(result);
            }
        }

        /** Reports an attempt's end and keeps its result as the delivery's, should it be the last. */
        private void ended(TransportObserver.Attempt attempt, CallResult result, boolean retrying) {
            lastResult = result;
            attempt.end(result.withRetrying(retrying));
        }

        private void retryOrFail(String why, Throwable cause, TransportObserver.Attempt attempt, CallResult result) {
            Duration pause = retryPolicy.delay(attempts);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - firstAttemptNanos);
            boolean retry = !closed && retryPolicy.allowsRetry(attempts, elapsed, pause);
            ended(attempt, result, retry);
            if (!retry) {
                fail(why + " (gave up after " + attempts + " attempts over " + elapsed.toMillis() + " ms)",
                        lastStatus, cause);
                return;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("completion of operation {} to {}: {}; retrying in {} ms", completion.token(), url, why,
                        pause.toMillis());
            }
            try {
                // back in the line when due, on a callback thread: the scheduler thread only keeps time
                scheduler.schedule(() -> callbacks.execute(() -> {
                    ready.add(this);
                    dispatch();
                }), pause.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                fail(why + " (the sender was closed before a retry)", lastStatus, cause);
            }
        }

        void fail(String why, int status, Throwable cause) {
            CompletionDeliveryException e = new CompletionDeliveryException("the " + completion.state().wireName()
                    + " completion of operation " + completion.token() + " was not delivered to " + url + ": " + why,
                    attempts, status, cause);
            if (!future.isDone()) {
                CallResult last = lastResult;
                endObserved(last != null ? last.withRetrying(false)
                        : CallResult.transportFailure(ErrorType.INTERNAL, e));
            }
            if (future.completeExceptionally(e)) {
                LOG.error("{}", e.getMessage());
            }
        }

        private HttpRequest.Builder request(URI uri) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(attemptTimeout);
            for (Map.Entry<String, String> e : callbackHeaders.entrySet()) {
                if (Outbound.forwardable(e.getKey())) {
                    Outbound.setHeader(b, e.getKey(), e.getValue());
                }
            }
            b.setHeader("User-Agent", Outbound.USER_AGENT);
            b.setHeader("Nexus-Operation-State", completion.state().wireName());
            b.setHeader("Nexus-Operation-Token", completion.token());
            if (completion.startTime() != null) {
                b.setHeader("Nexus-Operation-Start-Time", HttpTimes.httpDate(completion.startTime()));
            }
            b.setHeader("Nexus-Operation-Close-Time", HttpTimes.rfc3339(completion.closeTime()));
            for (Link l : completion.links()) {
                b.header("Nexus-Link", LinkHeaders.format(l));
            }
            byte[] body;
            // OperationCompletion is sealed but has no visitor: a pattern per variant, the other is the rest
            if (completion instanceof OperationCompletion.Succeeded s) {
                Outbound.contentHeaders(b, s.result().headers());
                body = s.result().data();
            } else if (completion instanceof OperationCompletion.Unsuccessful u) {
                b.setHeader("Content-Type", Wire.JSON);
                body = WireJson.failure(WireErrors.wireFailure(u.failure(), u.state()));
            } else {
                throw new IllegalArgumentException("unknown kind of completion: " + completion);
            }
            return b.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }

        private String describe(HttpResponse<byte[]> response) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith(Wire.JSON) && response.body().length > 0) {
                try {
                    Failure f = WireJson.parseFailure(response.body());
                    return f.message().isEmpty() ? "" : ": " + f.message();
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
            return "";
        }
    }

    /** Builds a {@link CompletionSender}. Not thread-safe. */
    public static final class Builder {
        private HttpClient httpClient;
        private CallbackUrlPolicy policy = CallbackUrlPolicy.defaults();
        private RetryPolicy retryPolicy = RetryPolicy.builder()
                .initialDelay(Duration.ofMillis(200))
                .maxDelay(Duration.ofSeconds(10))
                .maxElapsed(Duration.ofMinutes(1))
                .build();
        private Duration attemptTimeout = Duration.ofSeconds(10);
        private TransportObserver observer = TransportObserver.NONE;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private int maxQueued = DEFAULT_MAX_QUEUED;
        private ClientTls tls;

        private Builder() {}

        /**
         * The most attempts on the wire at once, each on its own connection (default {@value
         * CompletionSender#DEFAULT_MAX_IN_FLIGHT}). The file descriptors the sender uses are bounded by it.
         */
        public Builder maxInFlightDeliveries(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxInFlightDeliveries must be at least 1, got " + n);
            }
            this.maxInFlight = n;
            return this;
        }

        /**
         * The most deliveries waiting for a free slot or for their next retry (default {@value
         * CompletionSender#DEFAULT_MAX_QUEUED}); one more fails at once with a {@link CompletionDeliveryException}.
         * Each holds its completion (result included) in memory.
         */
        public Builder maxQueuedDeliveries(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxQueuedDeliveries must not be negative, got " + n);
            }
            this.maxQueued = n;
            return this;
        }

        /**
         * Uses your {@code HttpClient} (TLS, proxy...); default: HTTP/1.1, 10 s connect timeout. Not together with
         * {@link #tls(ClientTls)}: configure your client's TLS yourself.
         */
        public Builder httpClient(HttpClient c) {
            this.httpClient = Objects.requireNonNull(c, "httpClient");
            return this;
        }

        /**
         * The TLS settings for {@code https} callback URLs: trusted CAs and, for mutual TLS, the client certificate
         * (default: the JDK's default CAs, no client certificate). Host names are always checked.
         */
        public Builder tls(ClientTls settings) {
            this.tls = Objects.requireNonNull(settings, "tls");
            return this;
        }

        /** Which callback URLs may be called (default {@link CallbackUrlPolicy#defaults()}). */
        public Builder callbackUrlPolicy(CallbackUrlPolicy p) {
            this.policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /**
         * When to retry a completion the receiver could not take (default: 200 ms doubling up to 10 s, with
         * jitter, as many attempts as fit in one minute from the first).
         */
        public Builder retryPolicy(RetryPolicy p) {
            this.retryPolicy = Objects.requireNonNull(p, "retryPolicy");
            return this;
        }

        /** How long one attempt may take, from connecting to the end of the receiver's answer (default 10 seconds). */
        public Builder attemptTimeout(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("attemptTimeout must be positive");
            }
            this.attemptTimeout = d;
            return this;
        }

        /**
         * Observes every delivery and each of its attempts (default: none), and may add headers to each attempt;
         * e.g. {@code NexusTelemetry.transportObserver()} for a client span per attempt carrying the trace context
         * of the operation that completed.
         */
        public Builder observer(TransportObserver o) {
            this.observer = Objects.requireNonNull(o, "observer");
            return this;
        }

        /** The sender. */
        public CompletionSender build() {
            if (tls != null && httpClient != null) {
                throw new IllegalStateException("tls(...) configures the sender's own HttpClient: with httpClient(...)"
                        + " give your HttpClient the SSLContext instead, or drop httpClient(...)");
            }
            return new CompletionSender(this);
        }
    }
}
