package nexusrpc.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Link;
import nexusrpc.api.OperationState;
import nexusrpc.api.RetryBehavior;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.CompletionDelivery;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.NexusDurations;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.http.internal.Exchanges;
import nexusrpc.http.internal.LinkHeaders;
import nexusrpc.http.internal.PercentCoding;
import nexusrpc.http.internal.Wire;
import nexusrpc.http.internal.WireErrors;
import nexusrpc.http.internal.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the four Nexus verbs of a {@link NexusEndpoint} over {@code com.sun.net.httpserver}: routing, decoding
 * and encoding. It keeps no timer: it calls the endpoint's answering verbs, and the endpoint (the engine) answers
 * {@link DeadlineExceeded} at the {@code Request-Timeout}, or "still running" at the end of a long poll's wait,
 * even while a handler that ignores cancellation still runs. Every exchange is answered exactly once: the first
 * answer wins, whichever thread gives it (the pool thread or the engine's deadline thread).
 *
 * <p>In flight: a request counts from its arrival until its answer is written. A handler still running after its
 * caller got the 408 no longer counts: the drain on stop waits for callers, and that caller has its answer.
 */
final class NexusExchangeHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NexusExchangeHandler.class);
    private static final String[] NOT_HANDLER_HEADERS = {Wire.CONTENT_PREFIX, Wire.CALLBACK_PREFIX};
    private static final HandlerError TIMEOUT = WireErrors.local(ErrorType.REQUEST_TIMEOUT,
            "the handler did not answer within the Request-Timeout", RetryBehavior.UNSPECIFIED);
    private static final HandlerError INTERNAL_ERROR = WireErrors.local(ErrorType.INTERNAL,
            "internal error in the Nexus HTTP server (details are in its log)", RetryBehavior.UNSPECIFIED);
    private static final byte[] NO_BYTES = new byte[0];

    private final NexusEndpoint endpoint;
    private final String prefix;
    private final int maxBodySize;
    private final CallbackUrlPolicy callbackPolicy;
    private final Duration maxPollWait;
    private final CompletionDelivery completionDelivery;
    /** The server's own pool, which tells refused exchanges apart; {@code null} with an executor of the user's. */
    private final BoundedExecutor pool;
    private final TransportObserver observer;
    private final AtomicInteger inflight = new AtomicInteger();
    private volatile boolean stopping;

    /**
     * Creates the handler.
     *
     * @param completionDelivery how handlers deliver completions to callback URLs, given to every start
     * @param pool the server's own pool, or {@code null}: exchanges it refused are answered RESOURCE_EXHAUSTED
     * @param observer told the status of every answer
     */
    NexusExchangeHandler(NexusEndpoint endpoint, String basePath, int maxBodySize, CallbackUrlPolicy callbackPolicy,
            Duration maxPollWait, CompletionDelivery completionDelivery, BoundedExecutor pool,
            TransportObserver observer) {
        this.endpoint = endpoint;
        this.prefix = basePath.endsWith("/") ? basePath : basePath + "/";
        this.maxBodySize = maxBodySize;
        this.callbackPolicy = callbackPolicy;
        this.maxPollWait = maxPollWait;
        this.completionDelivery = completionDelivery;
        this.pool = pool;
        this.observer = observer;
    }

    /** From now on, new requests are refused with UNAVAILABLE. */
    void stopAccepting() {
        stopping = true;
    }

    /** Waits until every request has been answered or the timeout passes; returns whether all were. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (inflight) {
            while (inflight.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(inflight, left);
            }
        }
        return true;
    }

    /** Requests not answered yet. */
    int inflight() {
        return inflight.get();
    }

    private void answered() {
        if (inflight.decrementAndGet() == 0 && stopping) {
            synchronized (inflight) {
                inflight.notifyAll();
            }
        }
    }

    @Override
    public void handle(HttpExchange ex) {
        inflight.incrementAndGet();
        Reply reply = new Reply(ex);
        try {
            if (stopping) {
                reply.error(WireErrors.local(ErrorType.UNAVAILABLE, "the server is shutting down: retry later",
                        RetryBehavior.RETRYABLE));
            } else if (pool != null && pool.refusedOnThisThread()) {
                reply.error(WireErrors.local(ErrorType.RESOURCE_EXHAUSTED,
                        "the server is overloaded: retry with backoff", RetryBehavior.RETRYABLE));
            } else {
                serve(ex, reply);
            }
        } catch (BadRequest e) {
            reply.error(e.status, WireErrors.local(e.type, e.getMessage(), RetryBehavior.NON_RETRYABLE));
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure serving {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
            reply.error(INTERNAL_ERROR);
        }
    }

    private void serve(HttpExchange ex, Reply reply) throws BadRequest {
        String method = ex.getRequestMethod();
        String raw = ex.getRequestURI().getRawPath();
        if (raw == null || !raw.startsWith(prefix)) {
            throw notFound("nothing is served at \"" + raw + "\": this server's Nexus base path is \"" + prefix
                    + "\" (requests go to " + prefix + "{service}/{operation}): check the base path of the endpoint URL");
        }
        String[] parts = raw.substring(prefix.length()).split("/", -1);
        if (parts.length < 2) {
            throw notFound("nothing is served at \"" + raw + "\": Nexus requests go to " + prefix
                    + "{service}/{operation}, with /result or /cancel for fetchResult and cancel");
        }
        boolean verb = parts[parts.length - 1].equals("result") || parts[parts.length - 1].equals("cancel");
        if (parts.length > 3 || parts.length == 3 && !verb) {
            throw notFound(tooLong(raw, parts, verb));
        }
        String service = decode(parts[0], "service");
        String operation = decode(parts[1], "operation");
        String suffix = parts.length == 3 ? parts[2] : "";
        Map<String, String> query;
        try {
            query = PercentCoding.parseQuery(ex.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        if (suffix.isEmpty() && method.equals("POST")) {
            start(ex, reply, service, operation, query);
            return;
        }
        String expected = suffix.isEmpty() ? "GET" : suffix.equals("result") ? "GET" : "POST";
        if (!method.equals(expected)) {
            ex.getResponseHeaders().set("Allow", suffix.isEmpty() ? "GET, POST" : expected);
            throw new BadRequest("method " + method + " is not allowed on " + raw + ": use "
                    + (suffix.isEmpty() ? "POST to start or GET to fetch the operation info" : expected));
        }
        String token = ex.getRequestHeaders().getFirst(Wire.OPERATION_TOKEN);
        if (token == null || token.isEmpty()) {
            token = query.get(Wire.QUERY_TOKEN);
        }
        if (token == null || token.isEmpty()) {
            throw new BadRequest("the operation token is missing: send it in the Nexus-Operation-Token header or"
                    + " the token query parameter");
        }
        TokenRequest request = TokenRequest.builder(service, operation, token)
                .headers(Exchanges.headers(ex, NOT_HANDLER_HEADERS))
                .deadline(deadline(ex))
                .build();
        switch (suffix) {
            case "":
                endpoint.fetchInfo(request, outcome -> present(outcome).accept(reply));
                break;
            case "result":
                endpoint.fetchResult(request, pollWait(query.get(Wire.QUERY_WAIT)),
                        outcome -> present(outcome).accept(reply));
                break;
            default:
                endpoint.cancel(request, outcome -> present(outcome).accept(reply));
        }
    }

    private void start(HttpExchange ex, Reply reply, String service, String operation, Map<String, String> query)
            throws BadRequest {
        Instant deadline = deadline(ex);
        byte[] body;
        try {
            body = Exchanges.readBody(ex, maxBodySize);
        } catch (Exchanges.BodyTooLargeException e) {
            Exchanges.refuseBody(ex);
            throw new BadRequest(Wire.STATUS_TOO_LARGE, ErrorType.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            throw new BadRequest("the request body could not be read: " + e.getMessage());
        }
        List<Link> links;
        try {
            links = LinkHeaders.parse(ex.getRequestHeaders().get("Nexus-Link"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        String callback = query.get(Wire.QUERY_CALLBACK);
        if (callback != null && !callback.isEmpty()) {
            try {
                callbackPolicy.check(callback);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("invalid callback query parameter: " + e.getMessage());
            }
        } else {
            callback = null;
        }
        StartRequest request = StartRequest.builder(service, operation)
                .headers(Exchanges.headers(ex, NOT_HANDLER_HEADERS))
                .requestId(ex.getRequestHeaders().getFirst(Wire.REQUEST_ID))
                .callbackUrl(callback)
                .callbackHeaders(Exchanges.prefixed(ex, Wire.CALLBACK_PREFIX, null))
                .links(links)
                .deadline(deadline)
                .operationTimeout(header(ex, "Operation-Timeout"))
                .input(new Content(Exchanges.prefixed(ex, Wire.CONTENT_PREFIX, "length"), body))
                .completionDelivery(completionDelivery)
                .build();
        endpoint.start(request, outcome -> present(outcome).accept(reply));
    }

    /** The outcome an endpoint handed over, which must be one: null is the endpoint's bug, answered INTERNAL. */
    private <O> O present(O outcome) {
        if (outcome == null) {
            throw new IllegalStateException("the endpoint " + endpoint + " answered no outcome");
        }
        return outcome;
    }

    /** The long poll's wait, capped at the server's maximum; zero when absent. */
    private Duration pollWait(String value) throws BadRequest {
        if (value == null || value.isEmpty()) {
            return Duration.ZERO;
        }
        Duration wait;
        try {
            wait = NexusDurations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid wait query parameter: " + e.getMessage());
        }
        return wait.compareTo(maxPollWait) > 0 ? maxPollWait : wait;
    }

    private static Instant deadline(HttpExchange ex) throws BadRequest {
        Duration timeout = header(ex, "Request-Timeout");
        return timeout == null ? null : Instant.now().plus(timeout);
    }

    private static Duration header(HttpExchange ex, String name) throws BadRequest {
        try {
            return NexusDurations.parseHeader(name, ex.getRequestHeaders().getFirst(name));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static String decode(String segment, String what) throws BadRequest {
        String name;
        try {
            name = PercentCoding.decodeSegment(segment);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid " + what + " name in the path: " + e.getMessage());
        }
        if (name.isEmpty()) {
            throw notFound("the " + what + " name in the path is empty: Nexus requests go to /{service}/{operation}");
        }
        return name;
    }

    /**
     * The message for a path with more segments than {service}/{operation}[/result|/cancel]: most often the caller's
     * endpoint URL has a base path this server does not have (a client of "http://host/nexus/" calling a server
     * mounted at "/"), so that is what it says, with the server's own base path; a wrong suffix is the other case.
     */
    private String tooLong(String raw, String[] parts, boolean verb) {
        int extra = parts.length - (verb ? 3 : 2);
        String front = prefix + String.join("/", Arrays.copyOf(parts, extra)) + "/";
        String hint = "if the endpoint URL's base path is \"" + front + "\", it is wrong: this server serves Nexus at \""
                + prefix + "\"";
        if (parts.length == 3 && !parts[2].isEmpty()) {
            return "nothing is served at \"" + raw + "\": after " + prefix + "{service}/{operation} only /result"
                    + " (fetchResult) or /cancel (cancel) may follow; or, " + hint;
        }
        if (parts[parts.length - 1].isEmpty() && parts.length == 3) {
            return "nothing is served at \"" + raw + "\": remove the trailing \"/\"";
        }
        return "nothing is served at \"" + raw + "\": Nexus requests go to " + prefix
                + "{service}/{operation}[/result|/cancel], and this path has " + extra + " segment(s) more in front; "
                + hint;
    }

    private static BadRequest notFound(String message) {
        return new BadRequest(404, ErrorType.NOT_FOUND, message);
    }

    /** A caller's mistake, answered with a 4xx and a message saying what to fix. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final ErrorType type;

        BadRequest(String message) {
            this(400, ErrorType.BAD_REQUEST, message);
        }

        BadRequest(int status, ErrorType type, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
        }
    }

    /**
     * The one answer to an exchange, and the visitor that turns every verb's outcome into it. The first answer
     * claims the exchange and is written; any later one (a handler's answer after the engine answered at the
     * deadline, or an endpoint that answers twice) is dropped.
     */
    private final class Reply implements StartOutcome.Visitor<Void>, FetchInfoOutcome.Visitor<Void>,
            FetchResultOutcome.Visitor<Void>, CancelOutcome.Visitor<Void> {
        private final HttpExchange ex;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Reply(HttpExchange ex) {
            this.ex = ex;
        }

        @Override
        public Void sync(StartOutcome.Sync sync) {
            content(200, sync.result(), sync.links());
            return null;
        }

        @Override
        public Void async(StartOutcome.Async async) {
            json(201, WireJson.operationInfo(async.token(), OperationState.RUNNING), async.links());
            return null;
        }

        @Override
        public Void info(FetchInfoOutcome.Info info) {
            json(200, WireJson.operationInfo(info.info().token(), info.info().state()), List.of());
            return null;
        }

        @Override
        public Void ready(FetchResultOutcome.Ready ready) {
            content(200, ready.result(), List.of());
            return null;
        }

        @Override
        public Void stillRunning(FetchResultOutcome.StillRunning stillRunning) {
            answer(Wire.STATUS_STILL_RUNNING, NO_BYTES, h -> { });
            return null;
        }

        @Override
        public Void accepted(CancelOutcome.Accepted accepted) {
            answer(202, NO_BYTES, h -> { });
            return null;
        }

        @Override
        public Void operationFailure(OperationFailure failure) {
            answer(Wire.STATUS_OPERATION_FAILED, WireJson.failure(WireErrors.wireFailure(failure)), h -> {
                h.set("Content-Type", Wire.JSON);
                h.set("Nexus-Operation-State", failure.state().wireName());
            });
            return null;
        }

        @Override
        public Void handlerError(HandlerError error) {
            error(error);
            return null;
        }

        @Override
        public Void deadlineExceeded(DeadlineExceeded deadline) {
            error(TIMEOUT);
            return null;
        }

        void error(HandlerError e) {
            error(Wire.status(e.type()), e);
        }

        void error(int status, HandlerError e) {
            answer(status, WireJson.failure(WireErrors.wireFailure(e)), h -> {
                h.set("Content-Type", Wire.JSON);
                RetryBehavior rb = e.exception().retryBehavior();
                if (rb != RetryBehavior.UNSPECIFIED) {
                    h.set("Nexus-Request-Retryable", Boolean.toString(rb == RetryBehavior.RETRYABLE));
                }
            });
        }

        private void content(int status, Content content, List<Link> links) {
            answer(status, content.data(), h -> {
                for (Map.Entry<String, String> e : content.headers().entrySet()) {
                    if (!e.getKey().equals("length")) {
                        h.set("Content-" + e.getKey(), e.getValue());
                    }
                }
                h.set("Nexus-Operation-State", "succeeded");
                addLinks(h, links);
            });
        }

        private void json(int status, byte[] body, List<Link> links) {
            answer(status, body, h -> {
                h.set("Content-Type", Wire.JSON);
                addLinks(h, links);
            });
        }

        /**
         * Claims the exchange and writes the answer, or does nothing if it was answered already. The request stops
         * counting as in flight once the answer is written (or could not be: the caller went away). Response
         * headers the JDK refuses (a handler's content type with a line break) turn the answer into INTERNAL
         * rather than leaving the caller without one.
         */
        private void answer(int status, byte[] body, Consumer<com.sun.net.httpserver.Headers> headers) {
            if (!claim()) {
                return;
            }
            try {
                int s = status;
                byte[] b = body;
                com.sun.net.httpserver.Headers h = ex.getResponseHeaders();
                try {
                    headers.accept(h);
                } catch (IllegalArgumentException e) {
                    LOG.error("the answer to {} {} has invalid headers; the caller gets INTERNAL",
                            ex.getRequestMethod(), ex.getRequestURI(), e);
                    h.clear();
                    h.set("Content-Type", Wire.JSON);
                    s = 500;
                    b = WireJson.failure(WireErrors.wireFailure(INTERNAL_ERROR));
                }
                IOException failed = Exchanges.send(ex, s, b);
                observer.answered("http", s);
                if (failed != null && LOG.isDebugEnabled()) {
                    LOG.debug("could not answer {} {} with {}: {}", ex.getRequestMethod(), ex.getRequestURI(), s,
                            failed.toString());
                }
            } finally {
                answered();
            }
        }

        private boolean claim() {
            if (claimed.compareAndSet(false, true)) {
                return true;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} was answered already; a later answer is dropped", ex.getRequestMethod(),
                        ex.getRequestURI());
            }
            return false;
        }

        private void addLinks(com.sun.net.httpserver.Headers h, List<Link> links) {
            for (Link l : links) {
                h.add("Nexus-Link", LinkHeaders.format(l));
            }
        }

    }
}
