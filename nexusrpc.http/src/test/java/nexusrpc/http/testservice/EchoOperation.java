package nexusrpc.http.testservice;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;

/**
 * Sync echo that returns the caller's links. Special messages:
 * {@code describe} (answers what the handler saw), {@code fail} / {@code cancel} (operation failure with a
 * cause), {@code error:TYPE[:retryable|:nonretryable]} (handler error), {@code crash} (unexpected exception),
 * {@code flaky:N} (UNAVAILABLE for the first N attempts of a request id).
 */
public final class EchoOperation implements OperationHandler<Echo, Echo> {
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Override
    public StartResult<Echo> start(OperationContext ctx, StartOptions options, Echo input) throws OperationException {
        String m = input == null ? "<null>" : input.message();
        if (m == null) {
            m = "<null message>";
        }
        if (m.equals("describe")) {
            String d = "requestId=" + options.requestId()
                    + "|callback=" + options.callbackUrl()
                    + "|callbackHeaders=" + new java.util.TreeMap<>(options.callbackHeaders())
                    + "|links=" + options.links()
                    + "|operationTimeout=" + options.operationTimeout()
                    + "|x-custom=" + ctx.headers().get("X-Custom")
                    + "|deadline=" + ctx.deadline().isPresent()
                    + "|leaked=" + ctx.headers().keySet().stream()
                            .filter(k -> k.startsWith("content-") || k.startsWith("nexus-callback-")).count();
            return StartResult.sync(new Echo(d));
        }
        if (m.equals("fail")) {
            throw OperationException.failed("the job failed", new IllegalStateException("root cause"));
        }
        if (m.equals("cancel")) {
            throw OperationException.canceled("the job was canceled");
        }
        if (m.equals("crash")) {
            throw new IllegalStateException("secret detail from nexusrpc.Secret");
        }
        if (m.startsWith("error:")) {
            String[] p = m.split(":");
            RetryBehavior rb = p.length > 2
                    ? (p[2].equals("retryable") ? RetryBehavior.RETRYABLE : RetryBehavior.NON_RETRYABLE)
                    : RetryBehavior.UNSPECIFIED;
            throw new HandlerException(HandlerException.ErrorType.valueOf(p[1]), "handler says " + p[1],
                    new IllegalArgumentException("inner reason"), rb);
        }
        if (m.startsWith("flaky:")) {
            int failures = Integer.parseInt(m.substring(6));
            int n = attempts.computeIfAbsent(options.requestId(), k -> new AtomicInteger()).incrementAndGet();
            if (n <= failures) {
                throw new HandlerException(HandlerException.ErrorType.UNAVAILABLE, "try again (attempt " + n + ")");
            }
            return StartResult.sync(new Echo("ok after " + n));
        }
        return StartResult.sync(new Echo(m)).withLinks(options.links());
    }
}
