package nexusrpc.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;
import nexusrpc.api.OperationState;
import nexusrpc.api.RetryBehavior;
import nexusrpc.handler.transport.CallResult;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.ObservedCall;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.http.internal.Exchanges;
import nexusrpc.http.internal.HttpTimes;
import nexusrpc.http.internal.LinkHeaders;
import nexusrpc.http.internal.Wire;
import nexusrpc.http.internal.WireErrors;
import nexusrpc.http.internal.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of completion callbacks: an {@link HttpHandler} to mount on your {@code HttpServer} at the
 * path of the callback URLs you hand out. It validates each completion (state, token, times, links, Failure
 * JSON) and passes it to your {@link CompletionListener}; malformed completions get 400 with a message saying
 * what is wrong, bodies over the limit 413.
 *
 * <pre>{@code
 * server.createContext("/nexus-callbacks", CompletionReceiver.create(c -> results.complete(c)));
 * }</pre>
 *
 * <p>Unless built with a {@link Builder#verifier(CompletionVerifier) verifier}, anyone who can reach it can deliver
 * a completion. With one (e.g. {@link CallbackSecrets}), a completion without credentials is answered 401 and one
 * with wrong credentials 403, before its body is read and with a message that says nothing about why; each verified
 * callback is delivered at most once: a replay is acknowledged (200) and not passed to the listener again.
 *
 * <p>For prompt answers on keep-alive connections, run the JDK server with {@code sun.net.httpserver.nodelay=true}
 * (see {@link NexusHttpServer}). Thread-safe.
 */
public final class CompletionReceiver implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionReceiver.class);

    private static final int DEFAULT_MAX_BODY_SIZE = 4 * 1024 * 1024;
    private static final int DEFAULT_REPLAY_MEMORY = 100_000;

    private final CompletionListener listener;
    private final int maxBodySize;
    private final TransportObserver observer;
    private final CompletionVerifier verifier;
    private final ReplayGuard replays;

    private CompletionReceiver(Builder b) {
        this.listener = b.listener;
        this.maxBodySize = b.maxBodySize;
        this.observer = b.observer;
        this.verifier = b.verifier;
        this.replays = b.verifier == null ? null : new ReplayGuard(b.replayMemory);
    }

    /** A receiver with a body limit of 4 MiB. */
    public static CompletionReceiver create(CompletionListener listener) {
        return builder(listener).build();
    }

    /** A receiver with the given body limit in bytes. */
    public static CompletionReceiver create(CompletionListener listener, int maxBodySize) {
        return builder(listener).maxBodySize(maxBodySize).build();
    }

    /** A builder of a receiver that hands completions to {@code listener}. */
    public static Builder builder(CompletionListener listener) {
        return new Builder(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void handle(HttpExchange ex) {
        Headers headers = Exchanges.headers(ex);
        // begun before decoding, so that a malformed completion is observed too; the listener runs inside it
        TransportObserver.Incoming observed = observer.incoming(new ObservedCall("http",
                ObservedCall.Kind.COMPLETION, null, null, null, ex.getRequestURI().getPath()), headers);
        CallResult result = CallResult.ok(200);
        VerifiedCallback callback = null;
        boolean delivered = false;
        try {
            checkMethod(ex);
            if (verifier != null) {
                callback = verifier.verify(headers);
                if (callback == null) {
                    throw new HandlerException(ErrorType.UNAUTHORIZED, "the verifier returned no callback");
                }
                if (!replays.claim(callback)) {
                    LOG.debug("a completion of callback {} ({}/{}) arrived again; acknowledged, not delivered",
                            callback.callbackId(), callback.service(), callback.operation());
                    callback = null;
                    Exchanges.refuseBody(ex);
                    Exchanges.send(ex, 200, new byte[0]);
                    return;
                }
            }
            ReceivedCompletion completion = decode(ex, headers, callback);
            try {
                listener.onCompletion(completion);
            } catch (HandlerException e) {
                result = CallResult.handlerError(e.type(), Wire.status(e.type()), e.getMessage());
                answer(ex, result.status(), HandlerError.of(e));
                return;
            } catch (Exception e) {
                LOG.warn("the completion listener failed on the completion of operation {}", completion.token(), e);
                result = answer(ex, 500, WireErrors.local(ErrorType.INTERNAL,
                        "the completion could not be processed (details are in the receiver's log)",
                        RetryBehavior.UNSPECIFIED));
                return;
            }
            delivered = true;
            Exchanges.send(ex, 200, new byte[0]);
        } catch (HandlerException e) {
            // only the verifier throws these here: its reason goes to the log, never to the sender
            boolean anonymous = e.type() == ErrorType.UNAUTHENTICATED;
            LOG.debug("a completion for {} was refused {}: {}", ex.getRequestURI().getPath(), e.type(),
                    e.getMessage());
            Exchanges.refuseBody(ex);
            result = answer(ex, anonymous ? 401 : 403, WireErrors.local(
                    anonymous ? ErrorType.UNAUTHENTICATED : ErrorType.UNAUTHORIZED,
                    anonymous ? "the completion is not authenticated" : "the completion is not accepted",
                    RetryBehavior.NON_RETRYABLE));
        } catch (Invalid e) {
            result = answer(ex, e.status, WireErrors.local(ErrorType.BAD_REQUEST, e.getMessage(),
                    RetryBehavior.NON_RETRYABLE));
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure receiving a completion", e);
            result = answer(ex, 500, WireErrors.local(ErrorType.INTERNAL, "internal error in the completion receiver",
                    RetryBehavior.UNSPECIFIED));
        } finally {
            if (callback != null) {
                if (delivered) {
                    replays.delivered(callback);
                } else {
                    replays.release(callback);
                }
            }
            observed.end(result);
        }
    }

    private static void checkMethod(HttpExchange ex) throws Invalid {
        if (!ex.getRequestMethod().equals("POST")) {
            ex.getResponseHeaders().set("Allow", "POST");
            throw new Invalid(400, "completions are delivered with POST, not " + ex.getRequestMethod());
        }
    }

    private ReceivedCompletion decode(HttpExchange ex, Headers headers, VerifiedCallback callback) throws Invalid {
        String stateHeader = ex.getRequestHeaders().getFirst(Wire.OPERATION_STATE);
        OperationState state;
        try {
            state = OperationState.fromWireName(stateHeader);
        } catch (IllegalArgumentException e) {
            state = null;
        }
        if (state == null || state == OperationState.RUNNING) {
            throw new Invalid(400, "invalid or missing Nexus-Operation-State header \"" + stateHeader
                    + "\": expected succeeded, failed or canceled");
        }
        String token = ex.getRequestHeaders().getFirst(Wire.OPERATION_TOKEN);
        if (token == null || token.isEmpty()) {
            token = ex.getRequestHeaders().getFirst(Wire.OPERATION_ID);
        }
        Instant start;
        Instant close;
        List<Link> links;
        try {
            String s = Exchanges.header(ex, Wire.START_TIME);
            start = s == null ? null : HttpTimes.parseHttpDate(s);
            String c = Exchanges.header(ex, Wire.CLOSE_TIME);
            close = c == null ? null : HttpTimes.parseRfc3339(c);
            links = LinkHeaders.parse(ex.getRequestHeaders().get("Nexus-Link"));
        } catch (IllegalArgumentException e) {
            throw new Invalid(400, e.getMessage());
        }
        byte[] body;
        try {
            body = Exchanges.readBody(ex, maxBodySize);
        } catch (Exchanges.BodyTooLargeException e) {
            Exchanges.refuseBody(ex);
            throw new Invalid(Wire.STATUS_TOO_LARGE, e.getMessage());
        } catch (IOException e) {
            throw new Invalid(400, "the completion body could not be read: " + e.getMessage());
        }
        if (state == OperationState.SUCCEEDED) {
            Content result = new Content(Exchanges.prefixed(ex, Wire.CONTENT_PREFIX, "length"), body);
            return new ReceivedCompletion(token, state, result, null, start, close, links, headers,
                    Optional.ofNullable(callback));
        }
        String type = Exchanges.header(ex, "Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(Wire.JSON)) {
            throw new Invalid(400, "a " + state.wireName() + " completion must carry a Failure as application/json,"
                    + " got Content-Type \"" + type + "\"");
        }
        Failure failure;
        try {
            failure = WireJson.parseFailure(body);
        } catch (IllegalArgumentException e) {
            throw new Invalid(400, "invalid Failure in the completion body: " + e.getMessage());
        }
        return new ReceivedCompletion(token, state, Content.empty(), failure, start, close, links, headers,
                Optional.ofNullable(callback));
    }

    /** Answers with a failure; returns the answer as the observer sees it. */
    private static CallResult answer(HttpExchange ex, int status, HandlerError e) {
        ex.getResponseHeaders().set("Content-Type", Wire.JSON);
        Exchanges.send(ex, status, WireJson.failure(WireErrors.wireFailure(e)));
        return CallResult.handlerError(e.type(), status, e.failure().message());
    }

    /** Builds a {@link CompletionReceiver}. Not thread-safe. */
    public static final class Builder {
        private final CompletionListener listener;
        private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private TransportObserver observer = TransportObserver.NONE;
        private CompletionVerifier verifier;
        private int replayMemory = DEFAULT_REPLAY_MEMORY;

        private Builder(CompletionListener listener) {
            this.listener = listener;
        }

        /** The largest completion body accepted, in bytes (default 4 MiB); larger ones are answered 413. */
        public Builder maxBodySize(int bytes) {
            if (bytes < 0 || bytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxBodySize must be between 0 and 2^31-2, got " + bytes);
            }
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * Observes every completion received (default: none); the listener runs within it, e.g. in the trace the
         * completion's sender continued with {@code NexusTelemetry.transportObserver()}.
         */
        public Builder observer(TransportObserver o) {
            this.observer = Objects.requireNonNull(o, "observer");
            return this;
        }

        /**
         * Accepts only completions {@code verifier} vouches for (default: none, every well-formed completion is
         * delivered), each verified callback at most once; e.g. the {@link CallbackSecrets} your {@link
         * NexusHttpClient} issues callbacks with.
         */
        public Builder verifier(CompletionVerifier v) {
            this.verifier = Objects.requireNonNull(v, "verifier");
            return this;
        }

        /**
         * How many delivered callbacks a receiver with a verifier remembers to refuse replays (default 100 000);
         * each is also forgotten when its credentials expire. Past this many, the oldest are forgotten first.
         */
        public Builder replayMemory(int callbacks) {
            if (callbacks < 1) {
                throw new IllegalArgumentException("replayMemory must be at least 1, got " + callbacks);
            }
            this.replayMemory = callbacks;
            return this;
        }

        /** The receiver. */
        public CompletionReceiver build() {
            return new CompletionReceiver(this);
        }
    }

    /** A malformed completion. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Invalid(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
