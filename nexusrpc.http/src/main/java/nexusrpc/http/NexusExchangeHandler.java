package nexusrpc.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import nexusrpc.handler.transport.TransportPeer;
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
    private static final String READ_TIMEOUT = "the request did not arrive within the server's request read time"
            + " limit";

    private final NexusEndpoint endpoint;
    private final String prefix;
    private final int maxBodySize;
    private final CallbackUrlPolicy callbackPolicy;
    private final Duration maxPollWait;
    private final CompletionDelivery completionDelivery;
    /** The JDK engine's own pool, which tells refused exchanges apart; {@code null} otherwise. */
    private final BoundedExecutor pool;
    private final TransportObserver observer;
    /** The request read time limit where this handler arms it itself (engines that read before dispatching). */
    private final ReadDeadlines reads;
    /** Where long polls wait when the engine lets an exchange be answered after its handler returned; or null. */
    private final LongPolls longPolls;
    /** Who sent a request: chosen once per server (plain HTTP reads no TLS session). */
    private final PeerReader peers;
    private final AtomicInteger inflight = new AtomicInteger();
    private volatile boolean stopping;

    /**
     * Creates the handler.
     *
     * @param completionDelivery how handlers deliver completions to callback URLs, given to every start
     * @param pool the JDK engine's own pool, or {@code null}: exchanges it refused are answered RESOURCE_EXHAUSTED,
     *     and the reading of each request was begun by it
     * @param reads the request read time limit to arm in {@link #handle} when there is no such pool, or null
     * @param longPolls where long polls wait, or {@code null} to wait on the request's thread (engines that end an
     *     exchange when its handler returns)
     * @param observer told the status of every answer
     * @param peers reads each request's peer (address, verified client certificates)
     */
    NexusExchangeHandler(NexusEndpoint endpoint, String basePath, int maxBodySize, CallbackUrlPolicy callbackPolicy,
            Duration maxPollWait, CompletionDelivery completionDelivery, BoundedExecutor pool, ReadDeadlines reads,
            LongPolls longPolls, TransportObserver observer, PeerReader peers) {
        this.peers = peers;
        this.endpoint = endpoint;
        this.prefix = basePath.endsWith("/") ? basePath : basePath + "/";
        this.maxBodySize = maxBodySize;
        this.callbackPolicy = callbackPolicy;
        this.maxPollWait = maxPollWait;
        this.completionDelivery = completionDelivery;
        this.pool = pool;
        this.observer = observer;
        this.reads = reads;
        this.longPolls = longPolls;
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
        ReadDeadlines.Reading reading = pool != null ? pool.readingOnThisThread() : null;
        if (reading == null && reads != null) {
            reading = reads.begin();
        }
        try {
            if (stopping) {
                reply.refuse(WireErrors.local(ErrorType.UNAVAILABLE, "the server is shutting down: retry later",
                        RetryBehavior.RETRYABLE));
            } else if (pool != null && pool.refusedOnThisThread()) {
                reply.refuse(WireErrors.local(ErrorType.RESOURCE_EXHAUSTED,
                        "the server is overloaded: retry with backoff", RetryBehavior.RETRYABLE));
            } else {
                serve(ex, reply, reading);
            }
        } catch (BadRequest e) {
            reply.refuse(e.status, WireErrors.local(e.type, e.getMessage(), RetryBehavior.NON_RETRYABLE));
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure serving {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
            reply.refuse(500, INTERNAL_ERROR);
        } finally {
            if (reading != null && pool == null) {
                reading.finish();
                // an interrupt for a request read too slowly must not reach the engine's thread afterwards
                Thread.interrupted();
            }
        }
    }

    /**
     * Checks everything the request line and headers tell before reading the body (so that a refusal never asks
     * for a body first: no {@code 100 Continue} before it), then reads the whole body, then serves the request only
     * if it arrived whole and in time.
     */
    private void serve(HttpExchange ex, Reply reply, ReadDeadlines.Reading reading) throws BadRequest {
        String protocol = ex.getProtocol();
        if (!"HTTP/1.1".equalsIgnoreCase(protocol) && !"HTTP/1.0".equalsIgnoreCase(protocol)) {
            // the JDK engine serves any version its request line names, even ones it does not speak
            throw new BadRequest(505, ErrorType.BAD_REQUEST, "HTTP version \"" + protocol
                    + "\" is not supported: use HTTP/1.1");
        }
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
        String allowed = suffix.isEmpty() ? "GET, POST" : suffix.equals("result") ? "GET" : "POST";
        boolean isStart = suffix.isEmpty() && method.equals("POST");
        if (!isStart && !method.equals(suffix.isEmpty() ? "GET" : allowed)) {
            ex.getResponseHeaders().set("Allow", allowed);
            throw new BadRequest(405, ErrorType.BAD_REQUEST, "method " + method + " is not allowed on " + raw
                    + ": use " + (suffix.isEmpty() ? "POST to start or GET to fetch the operation info" : allowed));
        }
        Map<String, String> query;
        try {
            query = PercentCoding.parseQuery(ex.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        if (isStart) {
            start(ex, reply, reading, service, operation, query);
            return;
        }
        String token = ex.getRequestHeaders().getFirst(Wire.OPERATION_TOKEN);
        if (token == null || token.isEmpty()) {
            token = query.get(Wire.QUERY_TOKEN);
        }
        if (token == null || token.isEmpty()) {
            throw new BadRequest("the operation token is missing: send it in the Nexus-Operation-Token header or"
                    + " the token query parameter");
        }
        Duration wait = suffix.equals("result") ? pollWait(query.get(Wire.QUERY_WAIT)) : Duration.ZERO;
        TokenRequest.Builder request = TokenRequest.builder(service, operation, token)
                .headers(Exchanges.headers(ex, NOT_HANDLER_HEADERS))
                .peer(peers.read(ex));
        Duration timeout = header(ex, "Request-Timeout");
        // a body these verbs do not use is read all the same: the request must have arrived whole to be served
        receive(ex, reply, reading);
        request.deadline(timeout == null ? null : Instant.now().plus(timeout));
        TokenRequest r = request.build();
        switch (suffix) {
            case "":
                endpoint.fetchInfo(r, outcome -> present(outcome).accept(reply));
                break;
            case "result":
                if (!wait.isZero() && longPolls != null) {
                    // the wait happens off the request pool; the exchange is answered from the poll's thread
                    if (!longPolls.submit(() -> endpoint.fetchResult(r, wait,
                            outcome -> present(outcome).accept(reply)))) {
                        reply.error(WireErrors.local(ErrorType.RESOURCE_EXHAUSTED,
                                "too many long polls are waiting: retry with backoff", RetryBehavior.RETRYABLE));
                    }
                } else {
                    endpoint.fetchResult(r, wait, outcome -> present(outcome).accept(reply));
                }
                break;
            default:
                endpoint.cancel(r, outcome -> present(outcome).accept(reply));
        }
    }

    /**
     * Reads what is left of the request (the body, up to the limit) and checks that it arrived within the request
     * read time limit. A body shorter than its declared length is refused (not served); a request whose headers
     * were cut short is dispatched by the JDK engine as if whole, and nothing of its public API tells (Jetty never
     * dispatches one): see docs/http.md.
     */
    private byte[] receive(HttpExchange ex, Reply reply, ReadDeadlines.Reading reading) throws BadRequest {
        byte[] body;
        try {
            body = Exchanges.readBody(ex, maxBodySize);
        } catch (Exchanges.BodyTooLargeException e) {
            throw new BadRequest(Wire.STATUS_TOO_LARGE, ErrorType.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            reply.bodyRead = true;
            ex.getResponseHeaders().set("Connection", "close");
            if (reading != null && !reading.finish()) {
                Thread.interrupted();
                throw new BadRequest(408, ErrorType.REQUEST_TIMEOUT, READ_TIMEOUT);
            }
            throw new BadRequest("the request body could not be read: " + e.getMessage());
        }
        reply.bodyRead = true;
        if (reading != null && !reading.finish()) {
            Thread.interrupted();
            ex.getResponseHeaders().set("Connection", "close");
            throw new BadRequest(408, ErrorType.REQUEST_TIMEOUT, READ_TIMEOUT);
        }
        return body;
    }

    private void start(HttpExchange ex, Reply reply, ReadDeadlines.Reading reading, String service, String operation,
            Map<String, String> query) throws BadRequest {
        Duration timeout = header(ex, "Request-Timeout");
        Duration operationTimeout = header(ex, "Operation-Timeout");
        List<Link> links;
        try {
            List<String> values = ex.getRequestHeaders().get("Nexus-Link");
            // one list, whichever way it came: Jetty's adapter splits a header's value at every comma outside
            // quotes, also the ones inside a link's <URL>
            links = LinkHeaders.parse(values == null || values.size() < 2 ? values : List.of(String.join(",", values)));
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
        byte[] body = receive(ex, reply, reading);
        StartRequest request = StartRequest.builder(service, operation)
                .headers(Exchanges.headers(ex, NOT_HANDLER_HEADERS))
                .requestId(ex.getRequestHeaders().getFirst(Wire.REQUEST_ID))
                .callbackUrl(callback)
                .callbackHeaders(Exchanges.prefixed(ex, Wire.CALLBACK_PREFIX, null))
                .links(links)
                .deadline(timeout == null ? null : Instant.now().plus(timeout))
                .operationTimeout(operationTimeout)
                .input(new Content(Exchanges.prefixed(ex, Wire.CONTENT_PREFIX, "length"), body))
                .completionDelivery(completionDelivery)
                .peer(peers.read(ex))
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

    private static Duration header(HttpExchange ex, String name) throws BadRequest {
        try {
            return NexusDurations.parseHeader(name, Exchanges.header(ex, name));
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
        /** Whether the request body was read (or given up on, with the connection to be closed). */
        volatile boolean bodyRead;

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

        /** An error answered before the body was read: see {@link Exchanges#refuseBody}. */
        void refuse(HandlerError e) {
            refuse(Wire.status(e.type()), e);
        }

        void refuse(int status, HandlerError e) {
            if (!bodyRead) {
                bodyRead = true;
                Exchanges.refuseBody(ex);
            }
            error(status, e);
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
