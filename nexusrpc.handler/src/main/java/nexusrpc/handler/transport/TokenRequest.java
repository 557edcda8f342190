package nexusrpc.handler.transport;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import nexusrpc.api.Headers;
import nexusrpc.api.handler.Cancellation;

/**
 * A transport-neutral request about an existing operation (fetchInfo, fetchResult, cancel). Built only with
 * {@link #builder(String, String, String)}. Immutable.
 */
public final class TokenRequest {
    private final String service;
    private final String operation;
    private final String token;
    private final Headers headers;
    private final Instant deadline;
    private final Cancellation cancellation;
    private final Map<Class<?>, Object> extensions;
    private final TransportPeer peer;

    private TokenRequest(Builder b) {
        this.service = b.service;
        this.operation = b.operation;
        this.token = b.token;
        this.headers = b.headers == null ? Headers.empty() : b.headers;
        this.deadline = b.deadline;
        this.cancellation = b.cancellation == null ? new Cancellation() : b.cancellation;
        this.extensions = b.extensions == null ? Map.of() : b.extensions;
        this.peer = b.peer == null ? TransportPeer.unknown() : b.peer;
    }

    /** A builder for a request about the operation {@code token} of {@code operation} of {@code service}. */
    public static Builder builder(String service, String operation, String token) {
        return new Builder(Objects.requireNonNull(service, "service"), Objects.requireNonNull(operation, "operation"),
                Objects.requireNonNull(token, "token"));
    }

    /** A builder with this request's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(service, operation, token).headers(headers).deadline(deadline)
                .cancellation(cancellation).extensions(extensions).peer(peer);
    }

    /** The Nexus service name. */
    public String service() {
        return service;
    }

    /** The Nexus operation name. */
    public String operation() {
        return operation;
    }

    /** The operation token. */
    public String token() {
        return token;
    }

    /** The request headers (case-insensitive). */
    public Headers headers() {
        return headers;
    }

    /** When the caller stops waiting, or {@code null}. */
    public Instant deadline() {
        return deadline;
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

    @Override
    public String toString() {
        return "TokenRequest[" + service + "/" + operation + "]";
    }

    /** Builds a {@link TokenRequest}. Not thread-safe. */
    public static final class Builder {
        private final String service;
        private final String operation;
        private final String token;
        private Headers headers;
        private Instant deadline;
        private Cancellation cancellation;
        private Map<Class<?>, Object> extensions;
        private TransportPeer peer;

        private Builder(String service, String operation, String token) {
            this.service = service;
            this.operation = operation;
            this.token = token;
        }

        /** Request headers. */
        public Builder headers(Headers h) {
            this.headers = h;
            return this;
        }

        /** When the caller stops waiting. */
        public Builder deadline(Instant d) {
            this.deadline = d;
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

        /** The request. */
        public TokenRequest build() {
            return new TokenRequest(this);
        }
    }
}
