package nexusrpc.handler;

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
 * A transport-neutral start request, as a transport decoded it.
 *
 * @param service the Nexus service name
 * @param operation the Nexus operation name
 * @param headers the request headers (case-insensitive)
 * @param requestId the caller's idempotency key, or {@code null}
 * @param callbackUrl the completion callback URL, or {@code null}
 * @param callbackHeaders headers to send with the completion
 * @param links links from the caller
 * @param deadline when the caller stops waiting, or {@code null}
 * @param operationTimeout how long the whole operation may take, or {@code null}
 * @param input the serialized input
 * @param cancellation cancellation of this call: the transport cancels it when the caller goes away, the
 *     dispatcher when {@code deadline} passes; never {@code null}
 * @param extensions transport-provided objects handlers can ask for with {@code OperationContext.extension}
 */
public record StartRequest(
        String service,
        String operation,
        Headers headers,
        String requestId,
        String callbackUrl,
        Headers callbackHeaders,
        List<Link> links,
        Instant deadline,
        Duration operationTimeout,
        Content input,
        Cancellation cancellation,
        Map<Class<?>, Object> extensions) {
    /** Checks the names and replaces nulls by empty values. */
    public StartRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        headers = headers == null ? Headers.empty() : headers;
        callbackHeaders = callbackHeaders == null ? Headers.empty() : callbackHeaders;
        links = links == null ? List.of() : links;
        input = input == null ? Content.empty() : input;
        cancellation = cancellation == null ? new Cancellation() : cancellation;
        extensions = extensions == null ? Map.of() : extensions;
    }

    /** A builder for the given operation. */
    public static Builder builder(String service, String operation) {
        return new Builder(service, operation);
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

        /** The cancellation signal of this call. */
        public Builder cancellation(Cancellation c) {
            this.cancellation = c;
            return this;
        }

        /** Transport-provided objects for handlers. */
        public Builder extensions(Map<Class<?>, Object> e) {
            this.extensions = e;
            return this;
        }

        /** The request. */
        public StartRequest build() {
            return new StartRequest(service, operation, headers, requestId, callbackUrl, callbackHeaders, links,
                    deadline, operationTimeout, input, cancellation, extensions);
        }
    }
}
