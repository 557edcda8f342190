package jlink.demo.jobs.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import jlink.demo.jobs.JobControl;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.handler.CompletionCallback;

/** One background job: its identity, the caller's callback and its (eventual) outcome. Thread-safe. */
final class JobRecord implements JobControl {
    private final String token;
    private final String requestId;
    private final CompletableFuture<JobRecord> claim;
    private final CompletionCallback callback;
    /** Completed once: with the result, or exceptionally with an {@link OperationException}. */
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private volatile boolean cancelRequested;
    private volatile Future<?> worker;
    /** When the job finished, on the table's clock; written once by the table before the job is retained. */
    private volatile long finishedAt;

    /**
     * Creates the record of a job about to run.
     *
     * @param requestId the start's request id, or {@code null}
     * @param claim the table's request-id entry of this start, or {@code null} without a request id
     * @param callback the caller's completion callback, or {@code null} when there is none to call
     */
    JobRecord(String token, String requestId, CompletableFuture<JobRecord> claim, CompletionCallback callback) {
        this.token = token;
        this.requestId = requestId;
        this.claim = claim;
        this.callback = callback;
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

    CompletableFuture<JobRecord> claim() {
        return claim;
    }

    /** The completion callback captured at start, or {@code null}. */
    CompletionCallback callback() {
        return callback;
    }

    CompletableFuture<Object> outcome() {
        return outcome;
    }

    long finishedAt() {
        return finishedAt;
    }

    void finishedAt(long nanos) {
        this.finishedAt = nanos;
    }

    /** Records the worker running the job; interrupts it at once if the job was ended meanwhile. */
    void attach(Future<?> runningOn) {
        this.worker = runningOn;
        // end() may have run between submit and here and found no worker to interrupt
        if (outcome.isDone()) {
            runningOn.cancel(true);
        }
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

    /** Cancels the job at the caller's request. A job that already finished keeps its outcome. */
    void cancel() {
        end(OperationException.canceled("the job was canceled at the caller's request"));
    }

    /**
     * Ends the job with {@code reason} unless it already finished: the outcome is set at once and the worker
     * thread is interrupted.
     */
    void end(OperationException reason) {
        cancelRequested = true;
        if (outcome.completeExceptionally(reason)) {
            Future<?> w = worker;
            if (w != null) {
                w.cancel(true);
            }
        }
    }
}
