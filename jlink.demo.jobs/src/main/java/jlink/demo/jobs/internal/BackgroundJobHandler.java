package jlink.demo.jobs;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.Serializer;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.http.CompletionSender;
import nexusrpc.spi.StartMethod;
import nexusrpc.http.OperationCompletion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@code @BackgroundJob} operation: starts jobs on worker threads and answers the other verbs from
 * an in-memory job table. Jobs live as long as the process (a restart forgets them: fine for a demo, the reason
 * durable kinds such as Temporal workflows exist).
 */
final class BackgroundJobHandler implements OperationHandler<Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobHandler.class);

    private final String operation;
    private final StartMethod starter;
    private final Type outputType;
    private final int maxRunning;
    private final Duration retention;
    private final Serializer serializer;
    private final CompletionSender completions;
    private final ExecutorService workers;
    private final ConcurrentMap<String, JobRecord> jobs = new ConcurrentHashMap<>();
    /** Request id to token: a retried start (same Nexus-Request-Id) gets the operation it already started. */
    private final ConcurrentMap<String, String> tokensByRequestId = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    BackgroundJobHandler(String operation, StartMethod starter, Type outputType, int maxRunning, Duration retention,
            Serializer serializer, CompletionSender completions) {
        this.operation = operation;
        this.starter = starter;
        this.outputType = outputType;
        this.maxRunning = maxRunning;
        this.retention = retention;
        this.serializer = serializer;
        this.completions = completions;
        this.workers = Executors.newCachedThreadPool(daemonThreads(operation));
    }

    @Override
    public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
            throws OperationException {
        forgetExpired();
        String requestId = options.requestId();
        if (requestId == null || requestId.isEmpty()) {
            return StartResult.async(launch(ctx, options, input).token());
        }
        try {
            // computeIfAbsent runs launch at most once per request id, even for concurrent retries
            String token = tokensByRequestId.computeIfAbsent(requestId, id -> {
                try {
                    return launch(ctx, options, input).token();
                } catch (OperationException e) {
                    throw new RejectedStart(e);
                }
            });
            return StartResult.async(token);
        } catch (RejectedStart e) {
            throw e.reason;
        }
    }

    private JobRecord launch(OperationContext ctx, StartOptions options, Object input) throws OperationException {
        if (running.incrementAndGet() > maxRunning) {
            running.decrementAndGet();
            throw new HandlerException(HandlerException.ErrorType.RESOURCE_EXHAUSTED, operation + " already runs "
                    + maxRunning + " jobs, its limit: retry when some have finished");
        }
        Job<?> job;
        try {
            job = (Job<?>) starter.call(ctx, input);
        } catch (OperationException | RuntimeException | Error e) {
            running.decrementAndGet();
            throw e;
        }
        if (job == null) {
            running.decrementAndGet();
            throw HandlerException.internal("the @BackgroundJob method of " + operation + " returned no Job", null);
        }
        JobRecord record = new JobRecord(UUID.randomUUID().toString(), options, Instant.now());
        jobs.put(record.token(), record);
        record.outcome().whenComplete((result, error) -> {
            running.decrementAndGet();
            if (options.callbackUrl() != null && !options.callbackUrl().isEmpty()) {
                deliver(record, result, error);
            }
        });
        record.attach(workers.submit(() -> run(job, record)));
        return record;
    }

    private void run(Job<?> job, JobRecord record) {
        try {
            record.outcome().complete(job.run(record));
        } catch (OperationException e) {
            record.outcome().completeExceptionally(e);
        } catch (InterruptedException e) {
            // after cancel() the outcome is already "canceled" and this is a no-op; any other interrupt fails the job
            record.outcome().completeExceptionally(OperationException.failed("the job was interrupted"));
        } catch (Exception | Error e) {
            LOG.warn("background job {} of {} failed unexpectedly", record.token(), operation, e);
            record.outcome().completeExceptionally(
                    OperationException.failed("the job failed unexpectedly (details are in the handler's log)"));
        }
    }

    /** Hands the completion to the SDK's sender, which retries on its own and logs what it could not deliver. */
    private void deliver(JobRecord record, Object result, Throwable error) {
        OperationCompletion completion;
        try {
            completion = error == null
                    ? OperationCompletion.succeeded(record.token(), serialize(result), record.startTime())
                    : OperationCompletion.of(record.token(), asOperationException(error), record.startTime());
        } catch (RuntimeException e) {
            LOG.warn("cannot build the completion of job {} of {}: {}", record.token(), operation, e.toString());
            return;
        }
        completions.send(record.startOptions(), completion);
    }

    private Content serialize(Object result) {
        return serializer.serialize(result, outputType);
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
        } catch (ExecutionException | java.util.concurrent.CompletionException e) {
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

    private JobRecord find(String token) {
        JobRecord record = jobs.get(token);
        if (record == null) {
            throw HandlerException.notFound("no job of " + operation + " has token \"" + token + "\": it never"
                    + " existed, or finished more than " + retention.toSeconds() + " s ago");
        }
        return record;
    }

    private static OperationException asOperationException(Throwable t) {
        if (t instanceof OperationException) {
            return (OperationException) t;
        }
        return OperationException.failed("the job failed unexpectedly (details are in the handler's log)");
    }

    /** Drops finished jobs older than the retention, so the table does not grow without bound. */
    private void forgetExpired() {
        Instant cutoff = Instant.now().minus(retention);
        for (Iterator<JobRecord> it = jobs.values().iterator(); it.hasNext(); ) {
            JobRecord r = it.next();
            Instant finished = r.finishedAt();
            if (finished != null && finished.isBefore(cutoff)) {
                it.remove();
                if (r.requestId() != null) {
                    tokensByRequestId.remove(r.requestId(), r.token());
                }
            }
        }
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

    /** Carries a checked start failure out of {@code computeIfAbsent}. */
    private static final class RejectedStart extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient OperationException reason;

        RejectedStart(OperationException reason) {
            super(null, null, false, false);
            this.reason = reason;
        }
    }
}
