package nexusrpc.http.testservice;

import java.util.concurrent.CompletableFuture;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.http.CompletionSender;

/** The implementation of {@link TestService}: manual echo and job operations, shorthand for the rest. */
@ServiceImpl(TestService.class)
public final class TestServiceImpl {
    private final EchoOperation echo = new EchoOperation();
    private final JobOperation jobs;
    private final CallbackOperation callbacks = new CallbackOperation();
    private final LateOperation late = new LateOperation();
    /** Completed with the cancellation reason when a slow call is cancelled. */
    public final CompletableFuture<String> slowCancelled = new CompletableFuture<>();
    /** Completed with whether the slow call saw a deadline. */
    public final CompletableFuture<Boolean> slowSawDeadline = new CompletableFuture<>();

    /** A service whose jobs deliver completions with {@code sender} (may be null: no callbacks). */
    public TestServiceImpl(CompletionSender sender) {
        this.jobs = new JobOperation(sender);
    }

    /** The job store, for assertions. */
    public JobOperation jobs() {
        return jobs;
    }

    /** The operations finished through their completion callback, for the tests to finish them. */
    public CallbackOperation callbacks() {
        return callbacks;
    }

    /** The late operation, for its record of late answers. */
    public LateOperation lateOperation() {
        return late;
    }

    /** The echo operation. */
    @OperationImpl
    public OperationHandler<Echo, Echo> echo() {
        return echo;
    }

    /** The job operation. */
    @OperationImpl
    public OperationHandler<JobInput, Echo> job() {
        return jobs;
    }

    /** The callback operation. */
    @OperationImpl
    public OperationHandler<Echo, Echo> callback() {
        return callbacks;
    }

    /** The late operation. */
    @OperationImpl
    public OperationHandler<Echo, Echo> late() {
        return late;
    }

    /** {@code sleep:N} sleeps N ms; anything else waits until the call is cancelled (at most 30 s). */
    @SyncOperation
    public Echo slow(OperationContext ctx, Echo input) throws Exception {
        if (input.message().startsWith("sleep:")) {
            Thread.sleep(Long.parseLong(input.message().substring(6)));
            return new Echo("slept");
        }
        slowSawDeadline.complete(ctx.deadline().isPresent());
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        ctx.cancellation().onCancel(() -> cancelled.complete(ctx.cancellation().reason()));
        try {
            slowCancelled.complete(cancelled.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            // not cancelled in time: answer normally
        }
        return new Echo("slow done");
    }

    /** Echoes with a prefix. */
    @SyncOperation
    public Echo odd(Echo input) {
        return new Echo("odd:" + input.message());
    }

    /** Does nothing. */
    @SyncOperation
    public void noop() {}
}
