package nexusrpc.handler.transport;

import java.util.concurrent.CompletableFuture;
import nexusrpc.api.Headers;

/**
 * Delivers the completion of an asynchronous operation to the callback URL its caller gave at start. Supplied by
 * the transport that served the start (over HTTP, {@code nexusrpc.http.CompletionSender}) through {@link
 * StartRequest.Builder#completionDelivery}; the engine hands it to handlers as a typed {@link
 * nexusrpc.api.handler.CompletionCallback}, so an operation kind delivers completions without knowing the
 * transport. Implementations are thread-safe and never block the caller: they retry in the background.
 */
@FunctionalInterface
public interface CompletionDelivery {
    /**
     * Sends {@code completion} to {@code callbackUrl} with the caller's {@code callbackHeaders}.
     *
     * @return completes when the receiver acknowledged the completion; completes exceptionally when the delivery
     *     was given up (the delivery has logged why)
     */
    CompletableFuture<Void> deliver(String callbackUrl, Headers callbackHeaders, OperationCompletion completion);
}
