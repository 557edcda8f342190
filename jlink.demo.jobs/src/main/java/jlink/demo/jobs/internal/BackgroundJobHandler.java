package jlink.demo.jobs.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import jlink.demo.jobs.Job;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.CompletionCallback;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.spi.StartMethod;

/**
 * Serves one {@code @BackgroundJob} operation: starts jobs on worker threads and answers the other verbs from an
 * in-memory {@link JobTable}. Jobs live as long as the handler (a restart forgets them: fine for a demo, the reason
 * durable kinds such as Temporal workflows exist).
 *
 * <p>Completion callbacks: the start captures {@link OperationContext#completionCallback()}, present when the
 * caller gave a callback URL and the transport that served the start can deliver it, and calls it once when the
 * job ends (succeeded, failed or canceled). The callback serializes the result and retries on its own, so this
 * kind needs neither a serializer nor a transport.
 *
 * <p>{@link #close()} (called by the engine when its {@code NexusHandler} closes) ends the running jobs, stops the
 * worker threads and empties the table.
 */
final class BackgroundJobHandler implements OperationHandler<Object, Object>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BackgroundJobHandler.class.getName());
    /**
     * The longest retention honoured, about 73 years: longer ones mean "forever" and are capped, so that expiry
     * times on the nanosecond clock never overflow.
     */
    static final Duration LONGEST_RETENTION = Duration.ofNanos(Long.MAX_VALUE / 4);

    private final String operation;
    private final StartMethod starter;
    private final int maxRunning;
    private final Duration retention;
    private final int maxRetained;
    private final JobTable jobs;
    private final ExecutorService workers;
    /** Jobs admitted and not finished: the {@code maxRunning} limit, counted without walking the table. */
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the handler of one operation.
     *
     * @param operation {@code service/operation}, for messages and thread names
     * @param nanoClock a monotonic clock in nanoseconds for expiry ({@code System::nanoTime})
     */
    BackgroundJobHandler(String operation, StartMethod starter, int maxRunning, Duration retention, int maxRetained,
            LongSupplier nanoClock) {
        this.operation = operation;
        this.starter = starter;
        this.maxRunning = maxRunning;
        this.retention = retention.compareTo(LONGEST_RETENTION) > 0 ? LONGEST_RETENTION : retention;
        this.maxRetained = maxRetained;
        this.jobs = new JobTable(this.retention.toNanos(), maxRetained, nanoClock);
        this.workers = Executors.newCachedThreadPool(daemonThreads(operation));
    }

    @Override
    public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
            throws OperationException {
        checkOpen();
        jobs.expire();
        String requestId = options.requestId();
        if (requestId == null || requestId.isEmpty()) {
            return StartResult.async(launch(ctx, input, null, null).token());
        }
        // A retried start (same request id) gets the operation the first one started. The first start claims the
        // request id before running the user's start method, so that method never runs under a map lock and two
        // concurrent retries cannot both start a job; a retry that finds a claim waits for its decision.
        CompletableFuture<JobRecord> mine = new CompletableFuture<>();
        CompletableFuture<JobRecord> prior;
        while ((prior = jobs.claim(requestId, mine)) != null) {
            JobRecord earlier = decisionOf(prior);
            if (earlier != null) {
                return StartResult.async(earlier.token());
            }
            // that start was rejected and gave its claim up: a rejection is not remembered, so try again
        }
        JobRecord job;
        try {
            job = launch(ctx, input, requestId, mine);
        } catch (OperationException | RuntimeException | Error e) {
            jobs.release(requestId, mine);
            mine.complete(null);
            throw e;
        }
        mine.complete(job);
        return StartResult.async(job.token());
    }

    private static JobRecord decisionOf(CompletableFuture<JobRecord> claim) {
        try {
            return claim.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandlerException(HandlerException.ErrorType.UNAVAILABLE, "the handler is shutting down");
        } catch (ExecutionException e) {
            // claims are only ever completed normally
            throw new IllegalStateException(e);
        }
    }

    private JobRecord launch(OperationContext ctx, Object input, String requestId,
            CompletableFuture<JobRecord> claim) throws OperationException {
        if (running.incrementAndGet() > maxRunning) {
            running.decrementAndGet();
            throw new HandlerException(HandlerException.ErrorType.RESOURCE_EXHAUSTED, operation + " already runs "
                    + maxRunning + " jobs, its limit: retry when some have finished");
        }
        Job<?> job;
        try {
            job = (Job<?>) starter.call(ctx, input);
            if (job == null) {
                throw HandlerException.internal("the @BackgroundJob method of " + operation + " returned no Job",
                        null);
            }
        } catch (OperationException | RuntimeException | Error e) {
            running.decrementAndGet();
            throw e;
        }
        // captured now: the context (and its callback) belongs to this start request only
        JobRecord record = new JobRecord(UUID.randomUUID().toString(), requestId, claim,
                ctx.completionCallback().orElse(null));
        jobs.add(record);
        record.outcome().whenComplete((result, error) -> finished(record, result, error));
        try {
            record.attach(workers.submit(() -> run(job, record)));
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the job never runs
            record.end(OperationException.failed("the job was not run: its handler was closed"));
            throw closedError();
        }
        return record;
    }

    private void run(Job<?> job, JobRecord record) {
        try {
            record.outcome().complete(job.run(record));
        } catch (OperationException e) {
            record.outcome().completeExceptionally(e);
        } catch (InterruptedException e) {
            // after cancel() or close() the outcome is already decided and this is a no-op; any other interrupt
            // fails the job
            record.outcome().completeExceptionally(OperationException.failed("the job was interrupted"));
        } catch (Exception | Error e) {
            LOG.log(Level.WARNING, () -> "background job " + record.token() + " of " + operation
                    + " failed unexpectedly", e);
            record.outcome().completeExceptionally(
                    OperationException.failed("the job failed unexpectedly (details are in the handler's log)"));
        }
    }

    /** Runs once per job, when its outcome is decided: frees its slot, retains it, and tells the caller. */
    private void finished(JobRecord record, Object result, Throwable error) {
        running.decrementAndGet();
        jobs.finished(record);
        CompletionCallback callback = record.callback();
        if (callback != null) {
            deliver(callback, record.token(), result, error);
        }
    }

    /**
     * Hands the outcome to the transport's callback, which serializes it, sends it in the background, retries,
     * and logs what it gives up on; so a failed delivery is only noted here.
     */
    private void deliver(CompletionCallback callback, String token, Object result, Throwable error) {
        CompletionStage<Void> sent;
        try {
            sent = error == null
                    ? callback.succeeded(token, result)
                    : callback.failed(token, asOperationException(error));
        } catch (RuntimeException e) {
            // e.g. the result could not be serialized: the caller still learns that the job ended
            LOG.log(Level.WARNING, () -> "cannot deliver the completion of job " + token + " of " + operation, e);
            try {
                sent = callback.failed(token, OperationException.failed(
                        "the job finished but its result could not be delivered (details are in the handler's log)"));
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, () -> "cannot deliver the failure of job " + token + " of " + operation,
                        again);
                return;
            }
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.log(Level.DEBUG, () -> "the completion of job " + token + " of " + operation
                        + " was not delivered: " + failure);
            }
        });
    }

    @Override
    public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token) {
        return new OperationInfo(token, find(token).state());
    }

    @Override
    public Object fetchResult(OperationContext ctx, FetchResultOptions options, String token)
            throws OperationException {
        JobRecord record = find(token);
        Duration wait = options.timeout();
        if (ctx.timeRemaining().isPresent() && ctx.timeRemaining().get().compareTo(wait) < 0) {
            wait = ctx.timeRemaining().get();
        }
        try {
            if (wait.isZero()) {
                if (!record.outcome().isDone()) {
                    throw new OperationStillRunningException();
                }
                return record.outcome().join();
            }
            return record.outcome().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OperationStillRunningException();
        } catch (ExecutionException | CompletionException e) {
            // a fresh exception per request: the stored one is shared by every caller
            OperationException stored = asOperationException(e.getCause());
            throw new OperationException(stored.state(), stored.getMessage(), null);
        } catch (CancellationException e) {
            throw OperationException.canceled("the job was canceled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandlerException(HandlerException.ErrorType.UNAVAILABLE, "the handler is shutting down");
        }
    }

    @Override
    public void cancel(OperationContext ctx, CancelOptions options, String token) {
        find(token).cancel();
    }

    /**
     * Ends the jobs still running (their callers get a failure, through their callbacks if they gave one), stops
     * the worker threads and forgets every job. Idempotent; afterwards every verb answers {@code UNAVAILABLE}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // decide the outcomes first, so the interrupted jobs' own InterruptedException changes nothing
        for (JobRecord job : jobs.clear()) {
            job.end(OperationException.failed("the job was stopped before it finished: its handler was closed"));
        }
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "BackgroundJobHandler[" + operation + "]";
    }

    private JobRecord find(String token) {
        checkOpen();
        JobRecord record = jobs.find(token);
        if (record == null) {
            throw HandlerException.notFound("no job of " + operation + " has token \"" + token + "\": it never"
                    + " existed, or it finished long enough ago to be forgotten (finished jobs are kept "
                    + retention.toSeconds() + " s, at most " + maxRetained + " of them)");
        }
        return record;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw closedError();
        }
    }

    private HandlerException closedError() {
        return new HandlerException(HandlerException.ErrorType.UNAVAILABLE, operation + " is shutting down: its"
                + " handler was closed");
    }

    private static OperationException asOperationException(Throwable t) {
        if (t instanceof OperationException) {
            return (OperationException) t;
        }
        return OperationException.failed("the job failed unexpectedly (details are in the handler's log)");
    }

    private static ThreadFactory daemonThreads(String operation) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "job-" + operation + "-" + n.incrementAndGet());
            // jobs are in memory only: they must not keep a stopping process alive
            t.setDaemon(true);
            return t;
        };
    }
}
