package nexusrpc.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * CallbackUrlPolicy}. Retryable failures (5xx, 408, 429, connection refused, timeouts) are retried as the {@link
 * RetryPolicy} allows (default: 200 ms doubling up to 10 s, with jitter, for one minute). A completion is never
 * dropped silently: each {@link #deliver} returns a future that completes when the receiver accepted it, or fails
 * with a {@link CompletionDeliveryException} that is also logged. Asynchronous: no thread waits during backoff.
 *
 * <p>Each attempt is bounded: {@link Builder#attemptTimeout(Duration)} covers connecting, the receiver's headers and
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
    private final Set<Delivery> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** The most of a receiver's answer that is read: enough for a failure's message, not for an endless body. */
    private static final int MAX_ANSWER = 64 * 1024;

    private CompletionSender(Builder b) {
        if (b.httpClient != null) {
            this.http = b.httpClient;
        } else {
            HttpClient.Builder client = Outbound.defaultClientBuilder().proxy(new CheckedAddressSelector(b.policy));
            this.http = (b.tls != null ? b.tls.applyTo(client) : client).build();
        }
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
        pending.add(d);
        d.future.whenComplete((v, e) -> pending.remove(d));
        d.attempt();
        return d.future;
    }

    /** Completions being delivered now (including those waiting for a retry). */
    public int pending() {
        return pending.size();
    }

    /** Stops retrying: deliveries still pending fail (and are logged) instead of being retried. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        for (Delivery d : pending) {
            d.fail("the completion sender was closed before the completion was delivered", d.lastStatus, null);
        }
    }

    /** One completion on its way, with its retry state. */
    private final class Delivery {
        final String url;
        final Headers callbackHeaders;
        final OperationCompletion completion;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final long startNanos = System.nanoTime();
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

        /** One try: ends with the future settled or a retry scheduled, never with neither. */
        void attempt() {
            if (future.isDone()) {
                return;
            }
            if (closed) {
                // a send racing with close() can get here after close() failed the pending ones
                fail("the completion sender was closed before the completion was delivered", lastStatus, null);
                return;
            }
            URI uri;
            try {
                uri = policy.check(url);
            } catch (IllegalArgumentException e) {
                fail("the callback URL is refused by the callback URL policy: " + e.getMessage(), -1, null);
                return;
            }
            HttpRequest.Builder builder;
            try {
                builder = request(uri);
            } catch (IllegalArgumentException e) {
                fail("the completion request cannot be built: " + e.getMessage(), -1, null);
                return;
            }
            attempts++;
            TransportObserver.Attempt attempt;
            HttpRequest request;
            try {
                attempt = observed.attempt(attempts, builder::setHeader);
                request = builder.build();
            } catch (IllegalArgumentException e) {
                fail("the completion request cannot be built: " + e.getMessage(), -1, null);
                return;
            }
            BoundedBody answer = new BoundedBody(MAX_ANSWER, true);
            CompletableFuture<HttpResponse<byte[]>> sent;
            try {
                sent = http.sendAsync(request, answer.handler());
            } catch (RuntimeException e) {
                // java.net.http refuses some requests at once instead of through the future
                ended(attempt, CallResult.transportFailure(ErrorType.INTERNAL, e), false);
                fail("the completion could not be sent: " + e.getMessage(), -1, e);
                return;
            }
            // one deadline for the whole exchange: java.net.http's own timeout stops at the headers
            java.util.concurrent.ScheduledFuture<?> deadline;
            try {
                deadline = scheduler.schedule(() -> {
                    answer.abort(new HttpTimeoutException("the attempt took longer than " + attemptTimeout));
                    sent.cancel(true);
                }, attemptTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                sent.cancel(true);
                fail("the completion sender was closed before the completion was delivered", lastStatus, null);
                return;
            }
            sent.whenComplete((response, error) -> {
                deadline.cancel(false);
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof java.util.concurrent.CancellationException) {
                        cause = new HttpTimeoutException("the attempt took longer than " + attemptTimeout);
                    }
                    boolean transientFailure = cause instanceof ConnectException || cause instanceof HttpTimeoutException
                            || cause instanceof IOException;
                    if (transientFailure) {
                        retryOrFail("the receiver could not be reached: " + NetworkErrors.describe(cause, uri), cause,
                                attempt, CallResult.transportFailure(cause instanceof HttpTimeoutException
                                        ? ErrorType.REQUEST_TIMEOUT : ErrorType.UNAVAILABLE, cause));
                    } else {
                        ended(attempt, CallResult.transportFailure(ErrorType.INTERNAL, cause), false);
                        fail("sending the completion failed: " + NetworkErrors.describe(cause, uri), -1, cause);
                    }
                    return;
                }
                int status = response.statusCode();
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
                } else {
                    String described = describe(response);
                    CallResult refused = CallResult.handlerError(Wire.typeOf(status), status,
                            described.isEmpty() ? null : described.substring(2));
                    if (status >= 500 || status == 429 || status == 408) {
                        retryOrFail("the receiver answered " + status + described, null, attempt, refused);
                    } else {
                        ended(attempt, refused, false);
                        fail("the receiver refused the completion with " + status + described, status, null);
                    }
                }
            });
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
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
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
                scheduler.schedule(this::attempt, pause.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
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
                    b.setHeader(e.getKey(), e.getValue());
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
        private ClientTls tls;

        private Builder() {}

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
