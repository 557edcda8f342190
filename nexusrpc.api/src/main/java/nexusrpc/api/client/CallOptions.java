package nexusrpc.api.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;

/**
 * Per-call options of a client request. Build with {@link #builder()}; {@link #defaults()} has none set.
 *
 * @param requestId the idempotency key of a start, or {@code null} to generate a random (UUID v4) one
 * @param timeout how long the call may take, or {@code null} for no limit: a start's {@code Request-Timeout}; for an
 *     {@code execute}, the start and the wait for the result together (then it fails with {@code
 *     OperationStillRunningException})
 * @param callbackUrl where the handler delivers the completion of an asynchronous operation, or {@code null}
 * @param callbackHeaders headers the handler sends with the completion
 * @param links links to send to the handler
 * @param headers extra request headers
 */
public record CallOptions(
        String requestId,
        Duration timeout,
        String callbackUrl,
        Headers callbackHeaders,
        List<Link> links,
        Headers headers) {
    private static final CallOptions DEFAULTS = new CallOptions(null, null, null, null, null, null);

    /**
     * Replaces nulls by empty values.
     *
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public CallOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("the timeout must be positive (or null for none), got " + timeout);
        }
        callbackHeaders = callbackHeaders == null ? Headers.empty() : callbackHeaders;
        links = links == null ? List.of() : List.copyOf(links);
        headers = headers == null ? Headers.empty() : headers;
    }

    /** No option set. */
    public static CallOptions defaults() {
        return DEFAULTS;
    }

    /** A builder with no option set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CallOptions}. Not thread-safe. */
    public static final class Builder {
        private String requestId;
        private Duration timeout;
        private String callbackUrl;
        private final Map<String, String> callbackHeaders = new LinkedHashMap<>();
        private final List<Link> links = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {}

        /** The idempotency key of a start. */
        public Builder requestId(String id) {
            this.requestId = id;
            return this;
        }

        /** How long the call may take (see {@link CallOptions#timeout()}); must be positive. */
        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /** The completion callback URL of an asynchronous start. */
        public Builder callbackUrl(String url) {
            this.callbackUrl = url;
            return this;
        }

        /** Adds a header sent with the completion. */
        public Builder callbackHeader(String name, String value) {
            callbackHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds a link. */
        public Builder link(Link link) {
            links.add(Objects.requireNonNull(link, "link"));
            return this;
        }

        /** Adds a request header. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The options. */
        public CallOptions build() {
            return new CallOptions(
                    requestId, timeout, callbackUrl, Headers.of(callbackHeaders), links, Headers.of(headers));
        }
    }
}
