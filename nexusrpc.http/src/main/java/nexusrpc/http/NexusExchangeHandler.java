package nexusrpc.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Link;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.internal.Deadlines;
import nexusrpc.http.internal.Exchanges;
import nexusrpc.http.internal.LinkHeaders;
import nexusrpc.http.internal.PercentCoding;
import nexusrpc.http.internal.Wire;
import nexusrpc.http.internal.WireDurations;
import nexusrpc.http.internal.WireErrors;
import nexusrpc.http.internal.WireJson;
import nexusrpc.handler.internal.Deadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the four Nexus verbs of a {@link NexusEndpoint} over {@code com.sun.net.httpserver}: routing, decoding,
 * deadline enforcement and encoding. The handler runs on the server's executor thread; when a deadline is set, a
 * timer answers the exchange at the deadline and cancels the call, and an answer the endpoint gives after the
 * deadline is replaced by the same 408 (long polls excepted). Every exchange is answered exactly once.
 */
final class NexusExchangeHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NexusExchangeHandler.class);
    private static final String[] NOT_HANDLER_HEADERS = {Wire.CONTENT_PREFIX, Wire.CALLBACK_PREFIX};
    /** How much later than the requested wait a long poll may be answered by the timer. */
    static final Duration LONG_POLL_MARGIN = Duration.ofMillis(250);

    private final NexusEndpoint endpoint;
    private final String prefix;
    private final int maxBodySize;
    private final boolean includeStackTraces;
    private final CallbackUrlPolicy callbackPolicy;
    private final Duration maxPollWait;
    private final AtomicInteger inflight = new AtomicInteger();
    private volatile boolean stopping;

    NexusExchangeHandler(NexusEndpoint endpoint, String basePath, int maxBodySize, boolean includeStackTraces,
            CallbackUrlPolicy callbackPolicy, Duration maxPollWait) {
        this.endpoint = endpoint;
        this.prefix = basePath.endsWith("/") ? basePath : basePath + "/";
        this.maxBodySize = maxBodySize;
        this.includeStackTraces = includeStackTraces;
        this.callbackPolicy = callbackPolicy;
        this.maxPollWait = maxPollWait;
    }

    /** From now on, new requests are refused with UNAVAILABLE. */
    void stopAccepting() {
        stopping = true;
    }

    /** Waits until no request is being handled or the timeout passes; returns whether all finished. */
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

    /** Requests being handled now. */
    int inflight() {
        return inflight.get();
    }

    @Override
    public void handle(HttpExchange ex) {
        inflight.incrementAndGet();
        Reply reply = new Reply(ex);
        try {
            if (stopping) {
                reply.error(WireErrors.local(ErrorType.UNAVAILABLE, "the server is shutting down: retry later",
                        RetryBehavior.RETRYABLE));
            } else if (BoundedExecutor.isOverloaded()) {
                reply.error(WireErrors.local(ErrorType.RESOURCE_EXHAUSTED,
                        "the server is overloaded: retry with backoff", RetryBehavior.RETRYABLE));
            } else {
                serve(ex, reply);
            }
        } catch (BadRequest e) {
            reply.error(e.status, WireErrors.local(e.type, e.getMessage(), RetryBehavior.NON_RETRYABLE));
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure serving {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
            reply.error(WireErrors.local(ErrorType.INTERNAL,
                    "internal error in the Nexus HTTP server (details are in its log)", RetryBehavior.UNSPECIFIED));
        } finally {
            if (inflight.decrementAndGet() == 0 && stopping) {
                synchronized (inflight) {
                    inflight.notifyAll();
                }
            }
        }
    }

    private void serve(HttpExchange ex, Reply reply) throws BadRequest {
        String method = ex.getRequestMethod();
        String raw = ex.getRequestURI().getRawPath();
        if (raw == null || !raw.startsWith(prefix)) {
            throw notFound("nothing is served at \"" + raw + "\": Nexus requests go to " + prefix
                    + "{service}/{operation}");
        }
        String[] parts = raw.substring(prefix.length()).split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw notFound("nothing is served at \"" + raw + "\": Nexus requests go to " + prefix
                    + "{service}/{operation}, with /result or /cancel for fetchResult and cancel");
        }
        String service = decode(parts[0], "service");
        String operation = decode(parts[1], "operation");
        if (parts.length == 3 && !parts[2].equals("result") && !parts[2].equals("cancel")) {
            throw notFound("unknown path suffix \"/" + parts[2] + "\": use /result (fetchResult) or /cancel (cancel)");
        }
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
        Instant deadline = deadline(ex);
        TokenRequest request = new TokenRequest(service, operation, token, Exchanges.headers(ex, NOT_HANDLER_HEADERS),
                deadline, new Cancellation(), null);
        switch (suffix) {
            case "":
                fetchInfo(reply, request);
                break;
            case "result":
                fetchResult(reply, request, query.get(Wire.QUERY_WAIT));
                break;
            default:
                cancel(reply, request);
        }
    }

    private void start(HttpExchange ex, Reply reply, String service, String operation, Map<String, String> query)
            throws BadRequest {
        Instant deadline = deadline(ex);
        byte[] body;
        try {
            body = Exchanges.readBody(ex, maxBodySize);
        } catch (Exchanges.BodyTooLargeException e) {
            ex.getResponseHeaders().set("Connection", "close");
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
        Duration operationTimeout = duration(ex.getRequestHeaders().getFirst(Wire.OPERATION_TIMEOUT),
                "Operation-Timeout");
        Cancellation cancellation = new Cancellation();
        StartRequest request = StartRequest.builder(service, operation)
                .headers(Exchanges.headers(ex, NOT_HANDLER_HEADERS))
                .requestId(ex.getRequestHeaders().getFirst(Wire.REQUEST_ID))
                .callbackUrl(callback)
                .callbackHeaders(Exchanges.prefixed(ex, Wire.CALLBACK_PREFIX, null))
                .links(links)
                .deadline(deadline)
                .operationTimeout(operationTimeout)
                .input(new Content(Exchanges.prefixed(ex, Wire.CONTENT_PREFIX, "length"), body))
                .cancellation(cancellation)
                .build();
        StartOutcome outcome = underDeadline(reply, deadline, cancellation, false, () -> endpoint.start(request));
        if (outcome == null) {
            return;
        }
        if (outcome instanceof StartOutcome.Sync) {
            StartOutcome.Sync sync = (StartOutcome.Sync) outcome;
            reply.content(200, sync.result(), sync.links());
        } else if (outcome instanceof StartOutcome.Async) {
            StartOutcome.Async async = (StartOutcome.Async) outcome;
            reply.json(201, WireJson.operationInfo(async.token(), nexusrpc.api.OperationState.RUNNING), async.links());
        } else {
            reply.failure(outcome);
        }
    }

    private void fetchInfo(Reply reply, TokenRequest request) {
        FetchInfoOutcome outcome = underDeadline(reply, request.deadline(), request.cancellation(), false,
                () -> endpoint.fetchInfo(request));
        if (outcome == null) {
            return;
        }
        if (outcome instanceof FetchInfoOutcome.Info) {
            FetchInfoOutcome.Info info = (FetchInfoOutcome.Info) outcome;
            reply.json(200, WireJson.operationInfo(info.info().token(), info.info().state()), List.of());
        } else {
            reply.failure(outcome);
        }
    }

    private void fetchResult(Reply reply, TokenRequest request, String waitParam) throws BadRequest {
        Duration wait = waitParam == null || waitParam.isEmpty() ? Duration.ZERO : duration(waitParam, "wait");
        if (wait.compareTo(maxPollWait) > 0) {
            wait = maxPollWait;
        }
        Instant deadline = request.deadline();
        boolean longPoll = !wait.isZero();
        if (longPoll) {
            Instant waitEnd = Instant.now().plus(wait);
            if (deadline != null && deadline.isBefore(waitEnd)) {
                wait = Duration.between(Instant.now(), deadline);
                wait = wait.isNegative() ? Duration.ZERO : wait;
            } else {
                // the handler waits until waitEnd; the timer answers shortly after if it does not return
                deadline = waitEnd.plus(LONG_POLL_MARGIN);
            }
        }
        TokenRequest bounded = request.withDeadline(deadline);
        Duration handlerWait = wait;
        FetchResultOutcome outcome = underDeadline(reply, deadline, request.cancellation(), longPoll,
                () -> endpoint.fetchResult(bounded, handlerWait));
        if (outcome == null) {
            return;
        }
        if (outcome instanceof FetchResultOutcome.Ready) {
            reply.content(200, ((FetchResultOutcome.Ready) outcome).result(), List.of());
        } else if (outcome instanceof FetchResultOutcome.StillRunning) {
            reply.empty(Wire.STATUS_STILL_RUNNING);
        } else {
            reply.failure(outcome);
        }
    }

    private void cancel(Reply reply, TokenRequest request) {
        CancelOutcome outcome = underDeadline(reply, request.deadline(), request.cancellation(), false,
                () -> endpoint.cancel(request));
        if (outcome == null) {
            return;
        }
        if (outcome instanceof CancelOutcome.Accepted) {
            reply.empty(202);
        } else {
            reply.failure(outcome);
        }
    }

    private static Instant deadline(HttpExchange ex) throws BadRequest {
        Duration timeout = duration(ex.getRequestHeaders().getFirst(Wire.REQUEST_TIMEOUT), "Request-Timeout");
        return timeout == null ? null : Instant.now().plus(timeout);
    }

    private static Duration duration(String value, String what) throws BadRequest {
        if (value == null) {
            return null;
        }
        try {
            return WireDurations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid " + what + ": " + e.getMessage());
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

    private static BadRequest notFound(String message) {
        return new BadRequest(404, ErrorType.NOT_FOUND, message);
    }

    /**
     * Calls the endpoint with the deadline armed: the timer answers the exchange if the deadline passes first.
     *
     * @return the endpoint's outcome, or {@code null} if the exchange was already answered (deadline passed)
     */
    private <T> T underDeadline(Reply reply, Instant deadline, Cancellation cancellation, boolean longPoll,
            Supplier<T> call) {
        if (expired(reply, deadline)) {
            return null;
        }
        Deadlines.Armed armed = arm(reply, deadline, cancellation, longPoll);
        T outcome;
        try {
            outcome = call.get();
        } finally {
            disarm(armed);
        }
        if (outcome == null) {
            // null means "already answered" to the verbs: an endpoint's null must still get an answer (INTERNAL)
            throw new IllegalStateException("the endpoint " + endpoint + " returned no outcome");
        }
        // Past the deadline the answer is 408 whoever notices first. The engine cancels the call at the same
        // deadline, so a handler that returns once cancelled can come back just before this server's timer fires;
        // without this the caller would get 408 or the handler's answer depending on that race. A cancelled call
        // counts as past its deadline (only the deadline cancels here, and the engine's clock may run a hair ahead
        // of Instant.now()). A long poll keeps what arrived: a late result is still the result.
        if (!longPoll && deadline != null && (cancellation.isCancelled() || !Instant.now().isBefore(deadline))) {
            reply.error(timeoutError());
            return null;
        }
        return outcome;
    }

    /** Answers REQUEST_TIMEOUT at once if the deadline has already passed. */
    private boolean expired(Reply reply, Instant deadline) {
        if (deadline != null && !deadline.isAfter(Instant.now())) {
            reply.error(timeoutError());
            return true;
        }
        return false;
    }

    /**
     * Answers the exchange at the deadline unless disarmed first. On the engine's shared deadline sweeper, not a
     * scheduled executor: that woke its thread on almost every request (each new timer becomes the head of an
     * otherwise empty queue), which cost more CPU than serving a small request.
     */
    private Deadlines.Armed arm(Reply reply, Instant deadline, Cancellation cancellation, boolean longPoll) {
        if (deadline == null) {
            return null;
        }
        return Deadlines.at(deadline, () -> {
            // answer first so the caller is not kept waiting by cancellation callbacks
            if (longPoll) {
                reply.error(WireErrors.local(ErrorType.REQUEST_TIMEOUT,
                        "the operation is still running at the end of the wait: poll again", RetryBehavior.RETRYABLE));
            } else {
                reply.error(timeoutError());
            }
            cancellation.cancel(DeadlineExceeded.REASON);
        });
    }

    private static HandlerError timeoutError() {
        return WireErrors.local(ErrorType.REQUEST_TIMEOUT,
                "the handler did not answer within the Request-Timeout", RetryBehavior.UNSPECIFIED);
    }

    private static void disarm(Deadlines.Armed armed) {
        if (armed != null) {
            armed.disarm();
        }
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

    /** The one answer to an exchange: whoever claims it first (handler thread or timer) writes it. */
    private final class Reply {
        private final HttpExchange ex;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Reply(HttpExchange ex) {
            this.ex = ex;
        }

        void content(int status, Content content, List<Link> links) {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            com.sun.net.httpserver.Headers h = ex.getResponseHeaders();
            for (Map.Entry<String, String> e : content.headers().entrySet()) {
                if (!e.getKey().equals("length")) {
                    h.set("Content-" + e.getKey(), e.getValue());
                }
            }
            h.set("Nexus-Operation-State", "succeeded");
            addLinks(h, links);
            write(status, content.data());
        }

        void json(int status, byte[] body, List<Link> links) {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            ex.getResponseHeaders().set("Content-Type", Wire.JSON);
            addLinks(ex.getResponseHeaders(), links);
            write(status, body);
        }

        void empty(int status) {
            if (claimed.compareAndSet(false, true)) {
                write(status, new byte[0]);
            }
        }

        void failure(Object outcome) {
            if (outcome instanceof HandlerError) {
                error((HandlerError) outcome);
                return;
            }
            OperationFailure f = (OperationFailure) outcome;
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            ex.getResponseHeaders().set("Content-Type", Wire.JSON);
            ex.getResponseHeaders().set("Nexus-Operation-State", f.state().wireName());
            write(Wire.STATUS_OPERATION_FAILED, WireJson.failure(WireErrors.wireFailure(f), includeStackTraces));
        }

        void error(HandlerError e) {
            error(Wire.status(e.type()), e);
        }

        void error(int status, HandlerError e) {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            com.sun.net.httpserver.Headers h = ex.getResponseHeaders();
            h.set("Content-Type", Wire.JSON);
            RetryBehavior rb = e.exception().retryBehavior();
            if (rb != RetryBehavior.UNSPECIFIED) {
                h.set("Nexus-Request-Retryable", Boolean.toString(rb == RetryBehavior.RETRYABLE));
            }
            write(status, WireJson.failure(WireErrors.wireFailure(e), includeStackTraces));
        }

        private void addLinks(com.sun.net.httpserver.Headers h, List<Link> links) {
            for (Link l : links) {
                h.add("Nexus-Link", LinkHeaders.format(l));
            }
        }

        private void write(int status, byte[] body) {
            IOException failed = Exchanges.send(ex, status, body);
            if (failed != null && LOG.isDebugEnabled()) {
                LOG.debug("could not answer {} {} with {}: {}", ex.getRequestMethod(), ex.getRequestURI(), status,
                        failed.toString());
            }
        }
    }
}
