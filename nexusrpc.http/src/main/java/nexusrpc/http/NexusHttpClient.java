package nexusrpc.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.OperationState;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.Serializer;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.JacksonSerializer;
import nexusrpc.handler.client.NexusClient;
import nexusrpc.handler.transport.CallResult;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.NexusDurations;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.ObservedCall;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.http.internal.BoundedBody;
import nexusrpc.http.internal.LinkHeaders;
import nexusrpc.http.internal.NetworkErrors;
import nexusrpc.http.internal.Outbound;
import nexusrpc.http.internal.PercentCoding;
import nexusrpc.http.internal.Wire;
import nexusrpc.http.internal.WireErrors;
import nexusrpc.http.internal.WireJson;

/**
 * A Nexus caller over HTTP, on {@code java.net.http}. It is a {@link NexusEndpoint}, so the typed and untyped
 * clients of {@link NexusClient} work over it:
 *
 * <pre>{@code
 * var client = NexusHttpClient.create(URI.create("http://127.0.0.1:8080/"));
 * ServiceClient<MyService> svc = client.client(MyService.class);
 * EchoOutput out = svc.execute(MyService::echo, new EchoInput("hi"));
 * }</pre>
 *
 * <p>Each start carries a request id (a random UUID v4 unless the call gives one; retries reuse it, so a handler
 * can deduplicate) and a {@code Request-Timeout} computed from the call's deadline. Failure responses are
 * rehydrated: a handler error becomes a {@link nexusrpc.api.HandlerException} of the peer's type and retry
 * behaviour, a failed or canceled operation an {@link OperationException}, with the peer's causes as {@link
 * nexusrpc.api.FailureException}s. Transport problems are handler errors too ({@code UNAVAILABLE} when the handler
 * cannot be reached, {@code REQUEST_TIMEOUT} when the deadline passes). Retryable handler errors are retried as the
 * {@link Builder#retryPolicy(RetryPolicy)} allows (default: no retries), never past the call's deadline.
 * Independently of that,
 * a request whose connection fails before any byte of an answer arrived (typically a keep-alive connection the
 * server closed as the request went out) is sent once more at once; one whose answer had begun never is.
 *
 * <p>Every exchange is bounded: one deadline covers connecting, the response headers and the whole body (the call's
 * deadline, else {@link Builder#defaultTimeout(Duration)}, 30 seconds by default), and a response body larger than
 * {@link Builder#maxResponseSize(int)} (16 MiB by default) fails the call without being kept. Thread-safe.
 */
public final class NexusHttpClient implements NexusEndpoint {
    /** Protocol headers this client sets itself: never copied from a request's headers. */
    private static final Set<String> PROTOCOL_HEADERS = Set.of(Wire.REQUEST_TIMEOUT, Wire.REQUEST_ID,
            Wire.OPERATION_TOKEN, Wire.LINK, Wire.OPERATION_TIMEOUT);
    private static final Duration POLL_SLACK = Duration.ofSeconds(10);
    /** The timeout of a call that sets none: a silent server must not hold a caller forever. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Whether an outcome is a handler error worth another attempt; every other variant is final. */
    private static final RetryableError RETRYABLE = new RetryableError();
    private static final Verb<StartOutcome> START =
            new Verb<>(e -> e, o -> o.accept(RETRYABLE), CallResult::of);
    private static final Verb<FetchInfoOutcome> FETCH_INFO =
            new Verb<>(e -> e, o -> o.accept(RETRYABLE), CallResult::of);
    private static final Verb<FetchResultOutcome> FETCH_RESULT =
            new Verb<>(e -> e, o -> o.accept(RETRYABLE), CallResult::of);
    private static final Verb<CancelOutcome> CANCEL =
            new Verb<>(e -> e, o -> o.accept(RETRYABLE), CallResult::of);

    private final URI base;
    private final HttpClient http;
    private final Serializer serializer;
    private final RetryPolicy retryPolicy;
    private final Headers defaultHeaders;
    private final Duration defaultTimeout;
    private final TransportObserver observer;
    private final int maxResponseSize;
    private final CallbackSecrets callbackSecrets;
    private final NexusClient client;

    private NexusHttpClient(Builder b) {
        String s = b.baseUri.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.http = b.httpClient != null ? b.httpClient
                : b.tls != null ? b.tls.applyTo(Outbound.defaultClientBuilder()).build() : Outbound.defaultClient();
        this.serializer = b.serializer != null ? b.serializer : JacksonSerializer.create();
        this.retryPolicy = b.retryPolicy;
        this.defaultHeaders = Headers.of(b.headers);
        this.defaultTimeout = b.defaultTimeout;
        this.observer = b.observer;
        this.maxResponseSize = b.maxResponseSize;
        this.callbackSecrets = b.callbackSecrets;
        this.client = NexusClient.create(this, serializer);
    }

    /** A client for the Nexus endpoint at {@code baseUri} (e.g. {@code http://host:8080/nexus/}) with defaults. */
    public static NexusHttpClient create(URI baseUri) {
        return builder(baseUri).build();
    }

    /** A builder for a client of the endpoint at {@code baseUri}. */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /**
     * A typed client for a contract interface.
     *
     * @throws nexusrpc.api.InvalidContractException if the interface is not a valid contract
     */
    public <S> ServiceClient<S> client(Class<S> contract) {
        return client.client(contract);
    }

    /** The untyped client (services and operations by name). */
    public NexusClient untypedClient() {
        return client;
    }

    /** The base URL of the endpoint, ending with '/'. */
    public URI baseUri() {
        return base;
    }

    @Override
    public StartOutcome start(StartRequest r) {
        String what = "start of " + r.service() + "/" + r.operation();
        String requestId = r.requestId() == null ? UUID.randomUUID().toString() : r.requestId();
        StringBuilder path = new StringBuilder(operationPath(r.service(), r.operation()));
        if (r.callbackUrl() != null) {
            path.append('?').append(Wire.QUERY_CALLBACK).append('=').append(PercentCoding.encodeQuery(r.callbackUrl()));
        }
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(base.resolve(path.toString()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(r.input().data()));
            headers(b, r.headers());
            Outbound.contentHeaders(b, r.input().headers());
            for (Map.Entry<String, String> e : r.callbackHeaders().entrySet()) {
                Outbound.setHeader(b, "Nexus-Callback-" + e.getKey(), e.getValue());
            }
            if (callbackSecrets != null && r.callbackUrl() != null) {
                // set last: a callback header of the same name given by the call cannot replace it
                b.setHeader("Nexus-Callback-" + CallbackSecrets.HEADER,
                        callbackSecrets.issue(r.service(), r.operation()));
            }
            b.setHeader("Nexus-Request-Id", requestId);
            for (Link l : r.links()) {
                b.header("Nexus-Link", LinkHeaders.format(l));
            }
            if (r.operationTimeout() != null) {
                b.setHeader("Operation-Timeout", NexusDurations.format(r.operationTimeout()));
            }
        } catch (IllegalArgumentException e) {
            return invalid(what, e);
        }
        return call(START, observed(ObservedCall.Kind.START, r.service(), r.operation(), requestId), b,
                deadline(r.deadline()), null, what, response -> {
            int status = response.statusCode();
            List<Link> links;
            try {
                links = LinkHeaders.parse(response.headers().allValues(Wire.LINK));
            } catch (IllegalArgumentException e) {
                return badResponse(what, e.getMessage());
            }
            if (status == 200) {
                return new StartOutcome.Sync(content(response), links);
            }
            if (status == 201) {
                OperationInfo info;
                try {
                    info = WireJson.parseOperationInfo(response.body());
                } catch (IllegalArgumentException e) {
                    return badResponse(what, e.getMessage());
                }
                if (info.state() != OperationState.RUNNING) {
                    return badResponse(what, "an asynchronous start answered state \"" + info.state().wireName()
                            + "\" instead of running");
                }
                return new StartOutcome.Async(info.token(), links);
            }
            return failureOutcome(response, what, f -> f, e -> e);
        });
    }

    @Override
    public FetchInfoOutcome fetchInfo(TokenRequest r) {
        String what = "fetchInfo of " + r.service() + "/" + r.operation();
        HttpRequest.Builder b;
        try {
            b = tokenRequest(r, operationPath(r.service(), r.operation())).GET();
        } catch (IllegalArgumentException e) {
            return invalid(what, e);
        }
        return call(FETCH_INFO, observed(ObservedCall.Kind.FETCH_INFO, r.service(), r.operation(), null), b,
                deadline(r.deadline()), null, what, response -> {
            if (response.statusCode() == 200) {
                try {
                    return new FetchInfoOutcome.Info(WireJson.parseOperationInfo(response.body()));
                } catch (IllegalArgumentException e) {
                    return badResponse(what, e.getMessage());
                }
            }
            return failureOutcome(response, what, f -> f, e -> e);
        });
    }

    @Override
    public FetchResultOutcome fetchResult(TokenRequest r, Duration wait) {
        String what = "fetchResult of " + r.service() + "/" + r.operation();
        boolean longPoll = wait != null && !wait.isNegative() && !wait.isZero();
        String path = operationPath(r.service(), r.operation()) + "/result"
                + (longPoll ? "?" + Wire.QUERY_WAIT + "=" + NexusDurations.format(wait) : "");
        HttpRequest.Builder b;
        try {
            b = tokenRequest(r, path).GET();
        } catch (IllegalArgumentException e) {
            return invalid(what, e);
        }
        // a long poll legitimately takes the whole wait: the default timeout does not cut it short
        Instant deadline = r.deadline() != null || !longPoll ? deadline(r.deadline())
                : latest(deadline(null), Instant.now().plus(wait).plus(POLL_SLACK));
        return call(FETCH_RESULT, observed(ObservedCall.Kind.FETCH_RESULT, r.service(), r.operation(), null), b,
                deadline, null, what, response -> {
            int status = response.statusCode();
            if (status == 200) {
                return new FetchResultOutcome.Ready(content(response));
            }
            // older servers answered a long poll that outlived its wait with 408
            if (status == Wire.STATUS_STILL_RUNNING || (status == 408 && longPoll)) {
                return new FetchResultOutcome.StillRunning();
            }
            return failureOutcome(response, what, f -> f, e -> e);
        });
    }

    @Override
    public CancelOutcome cancel(TokenRequest r) {
        String what = "cancel of " + r.service() + "/" + r.operation();
        HttpRequest.Builder b;
        try {
            b = tokenRequest(r, operationPath(r.service(), r.operation()) + "/cancel")
                    .POST(HttpRequest.BodyPublishers.noBody());
        } catch (IllegalArgumentException e) {
            return invalid(what, e);
        }
        return call(CANCEL, observed(ObservedCall.Kind.CANCEL, r.service(), r.operation(), null), b,
                deadline(r.deadline()), null, what, response -> {
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new CancelOutcome.Accepted();
            }
            return failureOutcome(response, what,
                    f -> badResponse(what, "cancel answered an operation failure"), e -> e);
        });
    }

    private ObservedCall observed(ObservedCall.Kind kind, String service, String operation, String requestId) {
        return new ObservedCall("http", kind, service, operation, requestId, base.toString());
    }

    private Instant deadline(Instant requested) {
        if (requested != null || defaultTimeout == null) {
            return requested;
        }
        return Instant.now().plus(defaultTimeout);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? null : a.isAfter(b) ? a : b;
    }

    private static String operationPath(String service, String operation) {
        return PercentCoding.encodeSegment(service) + "/" + PercentCoding.encodeSegment(operation);
    }

    private HttpRequest.Builder tokenRequest(TokenRequest r, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        headers(b, r.headers());
        b.setHeader("Nexus-Operation-Token", r.token());
        return b;
    }

    private void headers(HttpRequest.Builder b, Headers requestHeaders) {
        b.setHeader("User-Agent", Outbound.USER_AGENT);
        for (Map.Entry<String, String> e : defaultHeaders.entrySet()) {
            b.setHeader(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : requestHeaders.entrySet()) {
            String k = e.getKey(); // Headers keys are lower-case already
            if (Outbound.forwardable(k) && !PROTOCOL_HEADERS.contains(k) && !k.startsWith(Wire.CONTENT_PREFIX)
                    && !k.startsWith(Wire.CALLBACK_PREFIX)) {
                Outbound.setHeader(b, e.getKey(), e.getValue());
            }
        }
    }

    /**
     * One verb's outcome type, as the retry loop needs it.
     *
     * @param error the outcome of a handler error (every outcome type has the variant)
     * @param retryable whether an outcome is a retryable handler error
     * @param result how an outcome is reported to the observer
     */
    private record Verb<T>(Function<HandlerError, T> error, Predicate<T> retryable, Function<T, CallResult> result) {}

    /**
     * Sends with retries of retryable handler errors as the retry policy allows, never past the deadline;
     * transport failures become handler errors. The observer sees the request, each attempt (whose headers it may
     * add to) and the end.
     */
    private <T> T call(Verb<T> verb, ObservedCall observed, HttpRequest.Builder b, Instant deadline,
            Duration transportTimeout, String what, Function<HttpResponse<byte[]>, T> decode) {
        TransportObserver.Outgoing request = observer.outgoing(observed);
        boolean resent = false;
        int sends = 0;
        long firstNanos = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            T outcome;
            if (deadline != null) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    outcome = verb.error().apply(WireErrors.local(ErrorType.REQUEST_TIMEOUT,
                            "the deadline of the " + what + " passed before an answer arrived",
                            RetryBehavior.UNSPECIFIED));
                    request.end(verb.result().apply(outcome));
                    return outcome;
                }
                b.setHeader("Request-Timeout", NexusDurations.format(left));
                // the server answers 408 at the deadline; the transport timeout only catches a silent server
                b.timeout(left.plus(Duration.ofSeconds(1)));
            } else if (transportTimeout != null) {
                b.timeout(transportTimeout);
            }
            TransportObserver.Attempt observedAttempt = request.attempt(++sends, b::setHeader);
            BoundedBody body = new BoundedBody(maxResponseSize, false);
            CompletableFuture<HttpResponse<byte[]>> sent = null;
            int status = 0;
            Throwable failure = null;
            try {
                sent = http.sendAsync(b.build(), body.handler());
                HttpResponse<byte[]> response;
                if (deadline != null) {
                    // one deadline for connecting, the headers and the whole body; the server answers 408 at it, so
                    // this only cuts a silent or trickling peer (a second later)
                    long left = Duration.between(Instant.now(), deadline).plusSeconds(1).toNanos();
                    response = sent.get(Math.max(1, left), TimeUnit.NANOSECONDS);
                } else if (transportTimeout != null) {
                    response = sent.get(transportTimeout.toNanos(), TimeUnit.NANOSECONDS);
                } else {
                    response = sent.get();
                }
                status = response.statusCode();
                outcome = decode.apply(response);
            } catch (TimeoutException e) {
                body.abort(new HttpTimeoutException("the deadline passed"));
                sent.cancel(true);
                failure = e;
                outcome = verb.error().apply(WireErrors.local(ErrorType.REQUEST_TIMEOUT,
                        "no " + (body.answered() ? "complete " : "") + "answer to the " + what + " in time from "
                                + base, RetryBehavior.UNSPECIFIED));
            } catch (ExecutionException failed) {
                Throwable e = failed.getCause() != null ? failed.getCause() : failed;
                failure = e;
                if (e instanceof BoundedBody.TooLargeException) {
                    outcome = verb.error().apply(badResponse(what, e.getMessage() + " (the client's maxResponseSize)"));
                    CallResult tooLarge = verb.result().apply(outcome);
                    observedAttempt.end(tooLarge);
                    request.end(tooLarge);
                    return outcome;
                }
                if (e instanceof HttpConnectTimeoutException) {
                    outcome = verb.error().apply(WireErrors.local(ErrorType.UNAVAILABLE,
                            "cannot connect to " + base + " for the " + what + ": " + NetworkErrors.describe(e, base),
                            RetryBehavior.RETRYABLE));
                } else if (e instanceof HttpTimeoutException) {
                    outcome = verb.error().apply(WireErrors.local(ErrorType.REQUEST_TIMEOUT,
                            "no answer to the " + what + " in time from " + base, RetryBehavior.UNSPECIFIED));
                } else if (e instanceof ConnectException) {
                    outcome = verb.error().apply(WireErrors.local(ErrorType.UNAVAILABLE,
                            "cannot connect to " + base + " for the " + what + ": " + NetworkErrors.describe(e, base),
                            RetryBehavior.RETRYABLE));
                } else if (e instanceof IOException) {
                    if (!resent && !body.answered() && BoundedBody.noAnswerByte(e)) {
                        // A pooled keep-alive connection the server closed (idle limit) just as the request went
                        // out: no byte of an answer came, so the request was not served. Send once more at once on
                        // a fresh connection; a start keeps its request id, which is how a handler recognizes a
                        // repeat. A failure after the answer began is never resent: the request may have run.
                        resent = true;
                        attempt--;
                        observedAttempt.end(CallResult.transportFailure(ErrorType.UNAVAILABLE, e).withRetrying(true));
                        continue;
                    }
                    outcome = verb.error().apply(WireErrors.local(ErrorType.UNAVAILABLE,
                            "the connection to " + base + " failed during the " + what + ": "
                                    + NetworkErrors.describe(e, base),
                            RetryBehavior.RETRYABLE));
                } else {
                    outcome = verb.error().apply(WireErrors.local(ErrorType.INTERNAL,
                            "the " + what + " failed: " + e, RetryBehavior.NON_RETRYABLE));
                }
            } catch (InterruptedException e) {
                if (sent != null) {
                    sent.cancel(true);
                }
                Thread.currentThread().interrupt();
                outcome = verb.error().apply(WireErrors.local(ErrorType.INTERNAL, "the " + what + " was interrupted",
                        RetryBehavior.NON_RETRYABLE));
                CallResult interrupted = new CallResult(CallResult.Outcome.HANDLER_ERROR, ErrorType.INTERNAL, 0,
                        "interrupted", e, false);
                observedAttempt.end(interrupted);
                request.end(interrupted);
                return outcome;
            } catch (IllegalArgumentException e) {
                outcome = verb.error().apply(invalid(what, e));
                CallResult invalid = verb.result().apply(outcome);
                observedAttempt.end(invalid);
                request.end(invalid);
                return outcome;
            }
            CallResult result = verb.result().apply(outcome).withStatus(status);
            if (failure != null) {
                result = new CallResult(result.outcome(), result.errorType(), 0, result.message(), failure, false);
            }
            boolean retry = false;
            Duration pause = Duration.ZERO;
            if (verb.retryable().test(outcome)) {
                pause = retryPolicy.delay(attempt);
                retry = retryPolicy.allowsRetry(attempt, Duration.ofNanos(System.nanoTime() - firstNanos), pause)
                        && (deadline == null || !Instant.now().plus(pause).isAfter(deadline));
            }
            observedAttempt.end(result.withRetrying(retry));
            if (!retry) {
                request.end(result);
                return outcome;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                request.end(result);
                return outcome;
            }
        }
    }

    private static Content content(HttpResponse<byte[]> response) {
        Map<String, String> h = null;
        for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.startsWith(Wire.CONTENT_PREFIX) && !k.equals("content-length") && !e.getValue().isEmpty()) {
                if (h == null) {
                    h = new HashMap<>(4);
                }
                h.put(k.substring(Wire.CONTENT_PREFIX.length()), e.getValue().get(0));
            }
        }
        return new Content(h == null ? Headers.empty() : Headers.ofLowerCased(h), response.body());
    }

    /**
     * A 424 operation failure or a handler error, rehydrated from the status and Failure body, as the verb's
     * outcome.
     */
    private static <T> T failureOutcome(HttpResponse<byte[]> response, String what,
            Function<OperationFailure, T> operationFailure, Function<HandlerError, T> handlerError) {
        int status = response.statusCode();
        Failure failure = null;
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.toLowerCase(Locale.ROOT).startsWith(Wire.JSON) && response.body().length > 0) {
            try {
                failure = WireJson.parseFailure(response.body());
            } catch (IllegalArgumentException e) {
                failure = null;
            }
        }
        if (status == Wire.STATUS_OPERATION_FAILED && failure != null) {
            OperationException e;
            try {
                e = WireErrors.operationException(failure,
                        response.headers().firstValue(Wire.OPERATION_STATE).orElse(null));
            } catch (IllegalArgumentException invalid) {
                return handlerError.apply(badResponse(what, invalid.getMessage()));
            }
            // the failure as received: it is what the caller's exception is rebuilt from
            return operationFailure.apply(new OperationFailure(e, failure));
        }
        return handlerError.apply(WireErrors.handlerError(status, failure,
                response.headers().firstValue(Wire.RETRYABLE).orElse(null), what));
    }

    private static HandlerError badResponse(String what, String why) {
        return WireErrors.local(ErrorType.INTERNAL, "the handler's answer to the " + what + " is invalid: " + why,
                RetryBehavior.NON_RETRYABLE);
    }

    private static HandlerError invalid(String what, IllegalArgumentException e) {
        return WireErrors.local(ErrorType.BAD_REQUEST, "cannot build the " + what + " request: " + e.getMessage(),
                RetryBehavior.NON_RETRYABLE);
    }

    /**
     * Answers whether an outcome of any verb is a handler error the caller may retry: the one question the retry
     * loop asks, for all four outcome types.
     */
    private static final class RetryableError implements StartOutcome.Visitor<Boolean>,
            FetchInfoOutcome.Visitor<Boolean>, FetchResultOutcome.Visitor<Boolean>, CancelOutcome.Visitor<Boolean> {
        @Override
        public Boolean handlerError(HandlerError error) {
            return error.retryable();
        }

        @Override
        public Boolean sync(StartOutcome.Sync sync) {
            return false;
        }

        @Override
        public Boolean async(StartOutcome.Async async) {
            return false;
        }

        @Override
        public Boolean info(FetchInfoOutcome.Info info) {
            return false;
        }

        @Override
        public Boolean ready(FetchResultOutcome.Ready ready) {
            return false;
        }

        @Override
        public Boolean stillRunning(FetchResultOutcome.StillRunning stillRunning) {
            return false;
        }

        @Override
        public Boolean accepted(CancelOutcome.Accepted accepted) {
            return false;
        }

        @Override
        public Boolean operationFailure(OperationFailure failure) {
            return false;
        }

        @Override
        public Boolean deadlineExceeded(DeadlineExceeded deadline) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "NexusHttpClient[" + base + "]";
    }

    /** Builds a {@link NexusHttpClient}. Not thread-safe. */
    public static final class Builder {
        private final URI baseUri;
        private HttpClient httpClient;
        private Serializer serializer;
        private RetryPolicy retryPolicy = RetryPolicy.builder()
                .maxAttempts(1)
                .initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofSeconds(5))
                .build();
        private final Map<String, String> headers = new HashMap<>();
        private TransportObserver observer = TransportObserver.NONE;
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private int maxResponseSize = 16 * 1024 * 1024;
        private CallbackSecrets callbackSecrets;
        private ClientTls tls;

        private Builder(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri");
            String scheme = baseUri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUri.getHost() == null) {
                throw new IllegalArgumentException(
                        "the base URL must be an http or https URL with a host, got \"" + baseUri + "\"");
            }
            this.baseUri = baseUri;
        }

        /**
         * Adds to every start that carries a callback URL an unguessable credential for that operation (the callback
         * header {@value CallbackSecrets#HEADER}), which a {@link CompletionReceiver} verifying with the same {@code
         * secrets} requires (default: none, completions are not authenticated).
         */
        public Builder callbackSecrets(CallbackSecrets secrets) {
            this.callbackSecrets = Objects.requireNonNull(secrets, "callbackSecrets");
            return this;
        }

        /**
         * Uses your {@code HttpClient} (TLS, proxy, authenticator...); default: HTTP/1.1, 10 s connect timeout. Not
         * together with {@link #tls(ClientTls)}: configure your client's TLS yourself.
         */
        public Builder httpClient(HttpClient c) {
            this.httpClient = Objects.requireNonNull(c, "httpClient");
            return this;
        }

        /**
         * The TLS settings for an {@code https} base URL: trusted CAs and, for mutual TLS, the client certificate
         * (default: the JDK's default CAs, no client certificate). Host names are always checked.
         */
        public Builder tls(ClientTls settings) {
            this.tls = Objects.requireNonNull(settings, "tls");
            return this;
        }

        /** The serializer of the typed client (default {@link JacksonSerializer}). */
        public Builder serializer(Serializer s) {
            this.serializer = Objects.requireNonNull(s, "serializer");
            return this;
        }

        /**
         * When to send a request again after a retryable handler error (default: never, one attempt; e.g. {@code
         * RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(5))
         * .build()}). Retries reuse the request id, and none starts past the call's deadline.
         */
        public Builder retryPolicy(RetryPolicy p) {
            this.retryPolicy = Objects.requireNonNull(p, "retryPolicy");
            return this;
        }

        /**
         * A header sent with every request (e.g. authorization).
         *
         * @throws IllegalArgumentException if the name or value is not a valid HTTP header, or the header is one
         *     the client or the HTTP transport sets itself (such a header would make every call fail, or be
         *     dropped)
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            String k = name.toLowerCase(Locale.ROOT);
            if (!Outbound.forwardable(k) || PROTOCOL_HEADERS.contains(k) || k.startsWith(Wire.CONTENT_PREFIX)
                    || k.startsWith(Wire.CALLBACK_PREFIX)) {
                throw new IllegalArgumentException("header \"" + name + "\" is set by the Nexus client or the HTTP"
                        + " transport itself: it cannot be a default header");
            }
            // java.net.http checks names and values only when a request is built: check them now, not on every call
            Outbound.setHeader(HttpRequest.newBuilder(), name, value);
            headers.put(name, value);
            return this;
        }

        /**
         * The timeout of each request whose call sets none (default 30 seconds; {@code null}: none, a request waits
         * as long as the server takes). It covers the whole exchange (connecting, headers, body) and is sent as the
         * {@code Request-Timeout}; a long poll's is at least its wait. It bounds every request on its own; a call's
         * {@code CallOptions.timeout} bounds a whole execute.
         *
         * @throws IllegalArgumentException if the timeout is zero or negative
         */
        public Builder defaultTimeout(Duration d) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("defaultTimeout must be positive (or null for none), got " + d);
            }
            this.defaultTimeout = d;
            return this;
        }

        /**
         * Observes every request and each of its attempts (default: none), and may add headers to each attempt; e.g.
         * {@code NexusTelemetry.transportObserver()} for a client span per attempt and W3C trace context in its
         * headers.
         */
        public Builder observer(TransportObserver o) {
            this.observer = Objects.requireNonNull(o, "observer");
            return this;
        }

        /**
         * The largest response body accepted, in bytes (default 16 MiB): a larger one fails the call ({@code
         * INTERNAL}, not retryable) as soon as it is seen, without being kept.
         */
        public Builder maxResponseSize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxResponseSize must be zero or positive, got " + bytes);
            }
            this.maxResponseSize = bytes;
            return this;
        }

        /** The client. */
        public NexusHttpClient build() {
            if (tls != null && httpClient != null) {
                throw new IllegalStateException("tls(...) configures the client's own HttpClient: with httpClient(...)"
                        + " give your HttpClient the SSLContext instead, or drop httpClient(...)");
            }
            return new NexusHttpClient(this);
        }
    }
}
