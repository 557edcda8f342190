package nexusrpc.http.testservice;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import nexusrpc.api.HandlerException;
import nexusrpc.api.handler.CompletionCallback;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;

/**
 * An asynchronous operation that the test finishes with {@link #succeed}: its completion goes through {@link
 * OperationContext#completionCallback()}, that is through the delivery of the transport that served the start,
 * not through a sender of the operation's own.
 */
public final class CallbackOperation implements OperationHandler<Echo, Echo> {
    private final Map<String, CompletionCallback> callbacks = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public StartResult<Echo> start(OperationContext ctx, StartOptions options, Echo input) {
        CompletionCallback callback = ctx.completionCallback().orElseThrow(
                () -> HandlerException.badRequest("start this operation with a callback URL"));
        String token = "cb-" + ids.incrementAndGet();
        callbacks.put(token, callback);
        return StartResult.async(token);
    }

    /** Finishes the operation of {@code token} with {@code result}: delivers it with the start's callback. */
    public CompletionStage<Void> succeed(String token, Echo result) {
        CompletionCallback callback = callbacks.remove(token);
        if (callback == null) {
            throw new IllegalArgumentException("no operation waits with token " + token);
        }
        return callback.succeeded(token, result);
    }
}
