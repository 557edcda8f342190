package nexusrpc.api.handler;

import java.util.concurrent.CompletionStage;
import nexusrpc.api.OperationException;

/**
 * Delivers the completion of one asynchronous operation to its caller's callback URL, whatever transport served
 * the start: obtained at start with {@link OperationContext#completionCallback()}. The result is serialized as
 * the operation's output type with the handler's serializer; the caller's callback headers are sent along. Deliver
 * once per operation; the transport retries in the background. Thread-safe.
 */
@nexusrpc.api.Api.Incubating
public interface CompletionCallback {
    /**
     * Delivers success.
     *
     * @param token the operation token the start returned
     * @param result the operation's result (of the contract's output type; {@code null} for none)
     * @return completes when the caller acknowledged it; completes exceptionally when delivery was given up
     */
    CompletionStage<Void> succeeded(String token, Object result);

    /**
     * Delivers failure or cancellation, as {@code outcome}'s state says. Only messages are sent, never stack
     * traces or class names.
     *
     * @param token the operation token the start returned
     * @param outcome why the operation failed or that it was canceled
     * @return completes when the caller acknowledged it; completes exceptionally when delivery was given up
     */
    CompletionStage<Void> failed(String token, OperationException outcome);
}
