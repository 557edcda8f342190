package nexusrpc.api.handler;

import java.time.Duration;
import java.util.List;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;

/**
 * What the caller asked for when starting an operation.
 *
 * @param requestId the caller's idempotency key: a retried start carries the same id
 * @param callbackUrl where to deliver the completion of an asynchronous operation, or {@code null}
 * @param callbackHeaders headers to send with the completion (verbatim)
 * @param links links from the caller (e.g. to the caller's workflow)
 * @param operationTimeout how long the whole operation may take, or {@code null} if unbounded
 */
public record StartOptions(
        String requestId, String callbackUrl, Headers callbackHeaders, List<Link> links, Duration operationTimeout) {
    /** Replaces nulls by empty values and copies the links. */
    public StartOptions {
        callbackHeaders = callbackHeaders == null ? Headers.empty() : callbackHeaders;
        links = links == null ? List.of() : List.copyOf(links);
    }
}
