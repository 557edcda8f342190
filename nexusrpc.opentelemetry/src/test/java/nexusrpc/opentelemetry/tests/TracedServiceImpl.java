package nexusrpc.opentelemetry.tests;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.HandlerException;
import nexusrpc.api.handler.CompletionCallback;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;
import org.slf4j.MDC;

/**
 * Records what each call saw (current span, baggage, MDC, thread) and fails on request: {@code boom} throws an
 * unexpected exception whose message must not leave the handler, {@code bad} a BAD_REQUEST, {@code flaky} is
 * UNAVAILABLE the first time, {@code slow} outlives a short deadline, {@code block} waits for {@link #release}.
 */
@ServiceImpl(TracedService.class)
public final class TracedServiceImpl {
    /** The secret an unexpected exception carries. */
    public static final String SECRET = "password=hunter2";

    /** What one call saw. */
    public record Seen(SpanContext span, String tenant, Map<String, String> mdc, Thread thread) {}

    public final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    /** MDC at the end of a slow call, after the engine answered its caller at the deadline. */
    public final BlockingQueue<Map<String, String>> mdcAfterSlow = new LinkedBlockingQueue<>();
    public final CountDownLatch blocked = new CountDownLatch(1);
    public final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger flaky = new AtomicInteger();
    private final Map<String, CompletionCallback> callbacks = new ConcurrentHashMap<>();
    private final AtomicInteger jobs = new AtomicInteger();

    @SyncOperation
    public String echo(OperationContext ctx, String input) throws InterruptedException {
        seen.add(new Seen(Span.current().getSpanContext(), Baggage.current().getEntryValue("tenant"),
                MDC.getCopyOfContextMap(), Thread.currentThread()));
        switch (input) {
            case "boom":
                throw new IllegalStateException("lost the " + SECRET);
            case "bad":
                throw HandlerException.badRequest("bad input");
            case "flaky":
                if (flaky.getAndIncrement() == 0) {
                    throw new HandlerException(HandlerException.ErrorType.UNAVAILABLE, "try again");
                }
                return input;
            case "slow":
                Thread.sleep(400);
                mdcAfterSlow.add(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap());
                return input;
            case "block":
                blocked.countDown();
                release.await(10, TimeUnit.SECONDS);
                return input;
            default:
                return input;
        }
    }

    @OperationImpl
    public OperationHandler<String, String> job() {
        return new OperationHandler<>() {
            @Override
            public StartResult<String> start(OperationContext ctx, StartOptions options, String input) {
                seen.add(new Seen(Span.current().getSpanContext(), Baggage.current().getEntryValue("tenant"),
                        MDC.getCopyOfContextMap(), Thread.currentThread()));
                String token = "job-" + jobs.incrementAndGet();
                callbacks.put(token, ctx.completionCallback().orElseThrow(
                        () -> HandlerException.badRequest("start with a callback URL")));
                return StartResult.async(token);
            }
        };
    }

    /** Completes a job with its start's callback, from the calling thread (which has no trace context). */
    public CompletionStage<Void> complete(String token, String result) {
        return callbacks.remove(token).succeeded(token, result);
    }
}
