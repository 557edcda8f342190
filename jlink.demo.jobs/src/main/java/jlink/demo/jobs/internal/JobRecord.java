package jlink.demo.jobs;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.handler.StartOptions;

/** One background job: its identity, the caller's callback and its (eventual) outcome. Thread-safe. */
final class JobRecord implements JobControl {
    private final String token;
    private final String requestId;
    private final StartOptions startOptions;
    private final Instant startTime;
    /** Completed once: with the result, or exceptionally with an {@link OperationException}. */
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private volatile boolean cancelRequested;
    private volatile Future<?> worker;
    private volatile Instant finishedAt;

    JobRecord(String token, StartOptions startOptions, Instant startTime) {
        this.token = token;
        this.requestId = startOptions.requestId();
        this.startOptions = startOptions;
        this.startTime = startTime;
        outcome.whenComplete((r, e) -> finishedAt = Instant.now());
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public boolean cancelRequested() {
        return cancelRequested;
    }

    String requestId() {
        return requestId;
    }

    StartOptions startOptions() {
        return startOptions;
    }

    Instant startTime() {
        return startTime;
    }

    CompletableFuture<Object> outcome() {
        return outcome;
    }

    void attach(Future<?> runningOn) {
        this.worker = runningOn;
    }

    /** When the job finished, or {@code null} while it runs. */
    Instant finishedAt() {
        return finishedAt;
    }

    /** The state as fetchInfo reports it. */
    OperationState state() {
        if (!outcome.isDone()) {
            return OperationState.RUNNING;
        }
        if (!outcome.isCompletedExceptionally()) {
            return OperationState.SUCCEEDED;
        }
        return outcome.handle((r, e) -> e instanceof OperationException
                ? ((OperationException) e).state()
                : OperationState.FAILED).join();
    }

    /**
     * Cancels the job: the outcome becomes "canceled" at once and the worker thread is interrupted. A job that
     * already finished keeps its outcome.
     */
    void cancel() {
        cancelRequested = true;
        if (outcome.completeExceptionally(OperationException.canceled("the job was canceled at the caller's request"))) {
            Future<?> w = worker;
            if (w != null) {
                w.cancel(true);
            }
        }
    }
}
