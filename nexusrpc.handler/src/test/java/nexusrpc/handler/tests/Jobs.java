package nexusrpc.handler.tests;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Link;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.OperationState;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.tests.Payloads.JobRequest;
import nexusrpc.handler.tests.Payloads.JobResult;

/** An in-memory job store behind the manual {@code run} operation; tests finish jobs by hand. */
public final class Jobs implements OperationHandler<JobRequest, JobResult> {
    /** The link attached to asynchronous starts. */
    public static final Link LINK = new Link(URI.create("jobs:///queue"), "test.Job");

    private final Map<String, CompletableFuture<JobResult>> jobs = new ConcurrentHashMap<>();
    private final Map<String, StartOptions> startOptions = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Tokens of asynchronous starts, in order, for tests that finish jobs started elsewhere. */
    public final BlockingQueue<String> started = new LinkedBlockingQueue<>();

    @Override
    public StartResult<JobResult> start(OperationContext ctx, StartOptions options, JobRequest request) {
        if (request.quick()) {
            return StartResult.sync(new JobResult(request.name(), "done at once"));
        }
        String token = "job-" + ids.incrementAndGet() + "-" + request.name();
        jobs.put(token, new CompletableFuture<>());
        startOptions.put(token, options);
        started.add(token);
        return StartResult.<JobResult>async(token).withLinks(List.of(LINK));
    }

    @Override
    public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token) {
        CompletableFuture<JobResult> job = job(token);
        OperationState state;
        if (!job.isDone()) {
            state = OperationState.RUNNING;
        } else if (job.isCancelled()) {
            state = OperationState.CANCELED;
        } else if (job.isCompletedExceptionally()) {
            state = OperationState.FAILED;
        } else {
            state = OperationState.SUCCEEDED;
        }
        return new OperationInfo(token, state);
    }

    @Override
    public JobResult fetchResult(OperationContext ctx, FetchResultOptions options, String token)
            throws OperationException {
        CompletableFuture<JobResult> job = job(token);
        try {
            return job.get(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new OperationStillRunningException();
        } catch (java.util.concurrent.CancellationException e) {
            throw OperationException.canceled("job " + token + " was canceled");
        } catch (ExecutionException e) {
            throw OperationException.failed("job " + token + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandlerException(HandlerException.ErrorType.UNAVAILABLE, "interrupted");
        }
    }

    @Override
    public void cancel(OperationContext ctx, CancelOptions options, String token) {
        job(token).cancel(false);
    }

    private CompletableFuture<JobResult> job(String token) {
        CompletableFuture<JobResult> job = jobs.get(token);
        if (job == null) {
            throw HandlerException.notFound("no job with token " + token);
        }
        return job;
    }

    /** Finishes a job successfully. */
    public void complete(String token, String outcome) {
        String name = token.substring(token.indexOf('-', 4) + 1);
        jobs.get(token).complete(new JobResult(name, outcome));
    }

    /** Fails a job. */
    public void fail(String token, Throwable why) {
        jobs.get(token).completeExceptionally(why);
    }

    /** The options the job was started with. */
    public StartOptions startOptions(String token) {
        return startOptions.get(token);
    }
}
