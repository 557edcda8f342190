package nexusrpc.http.testservice;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
import nexusrpc.handler.JacksonSerializer;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.http.CompletionSender;

/**
 * An in-memory asynchronous operation, written by hand with all four verbs: each start creates a job that finishes
 * after its delay as asked (succeed, fail, cancel) or holds until cancelled; completions go to the callback URL.
 */
public final class JobOperation implements OperationHandler<JobInput, Echo> {
    /** One job. */
    public static final class Job {
        final CompletableFuture<Echo> result = new CompletableFuture<>();
        final Instant started = Instant.now();
        /** The completion delivery, if a callback was asked for. */
        public final CompletableFuture<CompletableFuture<Void>> delivery = new CompletableFuture<>();
    }

    private static final JacksonSerializer JSON = JacksonSerializer.create();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletionSender sender;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-jobs");
        t.setDaemon(true);
        return t;
    });

    JobOperation(CompletionSender sender) {
        this.sender = sender;
    }

    /** How many jobs were started. */
    public int count() {
        return jobs.size();
    }

    /** The job of a token. */
    public Job job(String token) {
        return jobs.get(token);
    }

    @Override
    public StartResult<Echo> start(OperationContext ctx, StartOptions options, JobInput input) {
        if (input == null || input.outcome() == null) {
            throw HandlerException.badRequest("a job needs an outcome: succeed, fail, cancel or hold");
        }
        String token = "job-" + ids.incrementAndGet();
        Job job = new Job();
        jobs.put(token, job);
        switch (input.outcome()) {
            case "succeed":
                timers.schedule(() -> job.result.complete(new Echo(input.message())), input.delay(),
                        TimeUnit.MILLISECONDS);
                break;
            case "fail":
                timers.schedule(() -> job.result.completeExceptionally(OperationException.failed(
                        "job " + input.message() + " failed", new IllegalStateException("disk full"))),
                        input.delay(), TimeUnit.MILLISECONDS);
                break;
            case "cancel":
                timers.schedule(() -> job.result.completeExceptionally(OperationException.canceled("job canceled")),
                        input.delay(), TimeUnit.MILLISECONDS);
                break;
            case "hold":
                break;
            default:
                throw HandlerException.badRequest("unknown outcome \"" + input.outcome() + "\"");
        }
        if (options.callbackUrl() != null && sender != null) {
            job.result.whenComplete((value, error) -> {
                List<Link> links = List.of(new Link(URI.create("test:job/" + token), "test.Job"));
                OperationCompletion c = error == null
                        ? OperationCompletion.succeeded(token, JSON.serialize(value, Echo.class), job.started)
                                .withLinks(links)
                        : OperationCompletion.of(token, (OperationException) unwrap(error), job.started)
                                .withLinks(links);
                job.delivery.complete(sender.send(options, c));
            });
        }
        return StartResult.<Echo>async(token).withLinks(List.of(new Link(URI.create("test:job/" + token), "test.Job")));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private Job find(String token) {
        Job job = jobs.get(token);
        if (job == null) {
            throw HandlerException.notFound("no job with token \"" + token + "\"");
        }
        return job;
    }

    @Override
    public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token) {
        Job job = find(token);
        if (!job.result.isDone()) {
            return new OperationInfo(token, OperationState.RUNNING);
        }
        try {
            job.result.join();
            return new OperationInfo(token, OperationState.SUCCEEDED);
        } catch (RuntimeException e) {
            return new OperationInfo(token, ((OperationException) unwrap(e)).state());
        }
    }

    @Override
    public Echo fetchResult(OperationContext ctx, FetchResultOptions options, String token) throws OperationException {
        Job job = find(token);
        if (token.equals(ctx.headers().get("x-stubborn-token"))) {
            // a misbehaving handler that ignores the wait: the transport must still answer in time
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return options.timeout().isZero() && !job.result.isDone()
                    ? failStillRunning()
                    : job.result.get(Math.max(1, options.timeout().toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OperationStillRunningException();
        } catch (ExecutionException e) {
            throw (OperationException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationStillRunningException();
        }
    }

    private static Echo failStillRunning() {
        throw new OperationStillRunningException();
    }

    @Override
    public void cancel(OperationContext ctx, CancelOptions options, String token) {
        find(token).result.completeExceptionally(OperationException.canceled("canceled on request"));
    }
}
