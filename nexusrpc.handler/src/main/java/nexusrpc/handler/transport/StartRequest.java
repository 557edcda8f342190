package nexusrpc.handler.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;
import nexusrpc.api.handler.Cancellation;

/**
 * A transport-neutral start request, as a transport decoded it. Built only with {@link #builder(String, String)},
 * so new fields never break a transport. Immutable.
 */
public final class StartRequest {
    private final String service;
    private final String operation;
    private final Headers headers;
    private final String requestId;
    private final String callbackUrl;
    private final Headers callbackHeaders;
    private final List<Link> links;
    private final Instant deadline;
    private final Duration operationTimeout;
    private final Content input;
    private final Cancellation cancellation;
    private final Map<Class<?>, Object> extensions;
    private final TransportPeer peer;
    private final CompletionDelivery completionDelivery;

    private StartRequest(Builder b) {
        this.service = b.service;
        this.operation = b.operation;
        this.headers = b.headers == null ? Headers.empty() : b.headers;
        this.requestId = b.requestId;
        this.callbackUrl = b.callbackUrl;
        this.callbackHeaders = b.callbackHeaders == null ? Headers.empty() : b.callbackHeaders;
        this.links = b.links == null ? List.of() : b.links;
        this.deadline = b.deadline;
        this.operationTimeout = b.operationTimeout;
        this.input = b.input == null ? Content.empty() : b.input;
        this.cancellation = b.cancellation == null ? new Cancellation() : b.cancellation;
        this.extensions = b.extensions == null ? Map.of() : b.extensions;
        this.peer = b.peer == null ? TransportPeer.unknown() : b.peer;
        this.completionDelivery = b.completionDelivery;
    }

    /** A builder for a start of {@code operation} of {@code service} (the Nexus names). */
    public static Builder builder(String service, String operation) {
        return new Builder(Objects.requireNonNull(service, "service"), Objects.requireNonNull(operation, "operation"));
    }

    /** A builder with this request's values, to change some of them (e.g. to add a completion delivery). */
    public Builder toBuilder() {
        return new Builder(service, operation).headers(headers).requestId(requestId).callbackUrl(callbackUrl)
                .callbackHeaders(callbackHeaders).links(links).deadline(deadline).operationTimeout(operationTimeout)
                .input(input).cancellation(cancellation).extensions(extensions).peer(peer)
                .completionDelivery(completionDelivery);
    }

    /** The Nexus service name. */
    public String service() {
        return service;
    }

    /** The Nexus operation name. */
    public String operation() {
        return operation;
    }

    /** The request headers (case-insensitive). */
    public Headers headers() {
        return headers;
    }

    /** The caller's idempotency key, or {@code null}. */
    public String requestId() {
        return requestId;
    }

    /** The completion callback URL, or {@code null}. */
    public String callbackUrl() {
        return callbackUrl;
    }

    /** Headers to send with the completion. */
    public Headers callbackHeaders() {
        return callbackHeaders;
    }

    /** Links from the caller. */
    public List<Link> links() {
        return links;
    }

    /** When the caller stops waiting, or {@code null}. */
    public Instant deadline() {
        return deadline;
    }

    /** How long the whole operation may take, or {@code null}. */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /** The serialized input. */
    public Content input() {
        return input;
    }

    /**
     * The cancellation of this call: the transport cancels it when the caller goes away, the engine when the
     * deadline passes. Never {@code null}.
     */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** Transport-provided objects handlers can ask for with {@code OperationContext.extension}. */
    public Map<Class<?>, Object> extensions() {
        return extensions;
    }

    /** What the transport verified about the sender (address, mutual-TLS certificates); never {@code null}. */
    public TransportPeer peer() {
        return peer;
    }

    /** How the serving transport delivers completions to {@link #callbackUrl()}, or {@code null} if it cannot. */
    public CompletionDelivery completionDelivery() {
        return completionDelivery;
    }

    @Override
    public String toString() {
        return "StartRequest[" + service + "/" + operation + ", requestId=" + requestId + "]";
    }

    /** Builds a {@link StartRequest}. Not thread-safe. */
    public static final class Builder {
        private final String service;
        private final String operation;
        private Headers headers;
        private String requestId;
        private String callbackUrl;
        private Headers callbackHeaders;
        private List<Link> links;
        private Instant deadline;
        private Duration operationTimeout;
        private Content input;
        private Cancellation cancellation;
        private Map<Class<?>, Object> extensions;
        private TransportPeer peer;
        private CompletionDelivery completionDelivery;

        private Builder(String service, String operation) {
            this.service = service;
            this.operation = operation;
        }

        /** Request headers. */
        public Builder headers(Headers h) {
            this.headers = h;
            return this;
        }

        /** The idempotency key. */
        public Builder requestId(String id) {
            this.requestId = id;
            return this;
        }

        /** The completion callback URL. */
        public Builder callbackUrl(String url) {
            this.callbackUrl = url;
            return this;
        }

        /** Headers to send with the completion. */
        public Builder callbackHeaders(Headers h) {
            this.callbackHeaders = h;
            return this;
        }

        /** Links from the caller. */
        public Builder links(List<Link> l) {
            this.links = l;
            return this;
        }

        /** When the caller stops waiting. */
        public Builder deadline(Instant d) {
            this.deadline = d;
            return this;
        }

        /** How long the whole operation may take. */
        public Builder operationTimeout(Duration t) {
            this.operationTimeout = t;
            return this;
        }

        /** The serialized input. */
        public Builder input(Content c) {
            this.input = c;
            return this;
        }

        /** The cancellation signal of this call (default: a new one). */
        public Builder cancellation(Cancellation c) {
            this.cancellation = c;
            return this;
        }

        /** Transport-provided objects for handlers. */
        public Builder extensions(Map<Class<?>, Object> e) {
            this.extensions = e;
            return this;
        }

        /** What the transport verified about the sender (default: {@link TransportPeer#unknown()}). */
        public Builder peer(TransportPeer p) {
            this.peer = p;
            return this;
        }

        /** How this transport delivers completions to the callback URL (default: it cannot). */
        public Builder completionDelivery(CompletionDelivery d) {
            this.completionDelivery = d;
            return this;
        }

        /** The request. */
        public StartRequest build() {
            return new StartRequest(this);
        }
    }
}
