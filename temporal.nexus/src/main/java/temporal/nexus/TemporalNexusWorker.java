package temporal.nexus;

import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollNexusTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollNexusTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondNexusTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondNexusTaskFailedRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.handler.transport.WorkerPoll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import temporal.nexus.internal.TaskProcessor;

/**
 * Serves a {@link NexusHandler} to Temporal callers: polls a task queue for Nexus tasks, runs them through the
 * handler and responds, beside (or instead of) a normal Temporal {@code Worker} in the same process.
 *
 * <pre>{@code
 * var worker = TemporalNexusWorker.builder(workflowClient, "my-task-queue").handler(handler).build();
 * worker.start();
 * ...
 * worker.close();   // stop polling, let in-flight tasks finish (bounded), then stop
 * }</pre>
 *
 * <p>Payloads are converted with the application's Temporal {@link DataConverter} (the client's by default), so
 * Temporal workflows calling the endpoint and the handler agree on types. Handlers get the {@link
 * WorkflowClient} through {@code ctx.extension(WorkflowClient.class)}.
 *
 * <p>Each task runs on the thread that polled it: there is no hand-off to another pool. At most {@code pollers}
 * threads poll at a time and at most {@code maxConcurrentTasks} tasks run at a time; threads are added while
 * tasks run and retire when idle. A task's {@code request-timeout} is honoured: when it passes, the handler's
 * {@code Cancellation} is cancelled and no reply is sent (the server has given up on the task and retries it).
 *
 * <p>Like a Temporal {@code Worker}, its threads are not daemons: a started worker keeps the JVM alive until it
 * is closed. The handler stays the caller's unless {@link Builder#closeHandlerOnClose(boolean)} hands it over.
 */
public final class TemporalNexusWorker implements AutoCloseable {
    /**
     * The {@code TransportPeer} attribute naming the namespace of the task (this worker's), for caller
     * authentication ({@code NexusHandler.Builder.authenticator}); Temporal's callers' own headers arrive as the
     * request's headers.
     */
    public static final String PEER_NAMESPACE = "temporal.namespace";
    /** The {@code TransportPeer} attribute naming the task queue the task was polled from. */
    public static final String PEER_TASK_QUEUE = "temporal.task_queue";
    /** The {@code TransportPeer} attribute naming the Nexus endpoint the caller addressed, when the server says. */
    public static final String PEER_ENDPOINT = "temporal.endpoint";
    private static final Logger LOG = LoggerFactory.getLogger(TemporalNexusWorker.class);
    /** The server answers a long poll with no task after about a minute; give it room. */
    private static final long LONG_POLL_MILLIS = 70_000;
    private static final long RESPOND_TIMEOUT_MILLIS = 10_000;
    /** Failed polls (the server unreachable, restarting, refusing): 100 ms doubling to 10 s, for as long as it takes. */
    private static final RetryPolicy POLL_RETRIES = RetryPolicy.builder().initialDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofSeconds(10)).build();
    /** Replies refused as transient: a few quick retries, never past the task's deadline (see respond). */
    private static final RetryPolicy REPLY_RETRIES = RetryPolicy.builder().maxAttempts(3)
            .initialDelay(Duration.ofMillis(50)).maxDelay(Duration.ofMillis(200)).build();
    private static final long IDLE_THREAD_SECONDS = 30;
    private static final String SHUTTING_DOWN = "the worker is shutting down";
    /** How long {@link #close()} gives interrupted handlers to return (and reply) before it abandons them. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(2);
    /** How long {@link #close()} waits for replies it cancelled to return (a cancelled call returns at once). */
    private static final Duration CANCELLED_REPLY_WAIT = Duration.ofSeconds(2);
    /** This transport's name for a {@link TransportObserver}. */
    private static final String TRANSPORT = "temporal";

    private enum State { NEW, RUNNING, STOPPING, TERMINATED }

    private final WorkflowServiceStubs stubs;
    private final TaskProcessor processor;
    private final PollNexusTaskQueueRequest pollRequest;
    private final Config config;
    /** The handler as given: the one to close (the processor serves a copy with the worker's serializer). */
    private final NexusHandler handler;
    private final String taskQueue;
    private final int pollers;
    private final int maxConcurrentTasks;
    private final Semaphore pollPermits;
    /** Worker threads alive, and those of them not running a task (polling or waiting to poll). */
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final Set<Context.CancellableContext> activePolls = ConcurrentHashMap.newKeySet();
    private final Set<Task> activeTasks = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private final TransportObserver observer;
    private final TransportObserver.WorkerGauges gauges;
    private volatile State state = State.NEW;

    private TemporalNexusWorker(Builder b, NexusHandler handler, DataConverter converter) {
        this.stubs = b.client.getWorkflowServiceStubs();
        String namespace = b.client.getOptions().getNamespace();
        String identity = b.identity != null ? b.identity : b.client.getOptions().getIdentity();
        this.config = new Config(b.taskQueue, namespace, identity, b.pollers, b.maxConcurrentTasks, b.shutdownTimeout,
                b.closeHandlerOnClose);
        this.handler = handler;
        this.taskQueue = config.taskQueue();
        this.pollers = config.pollers();
        this.maxConcurrentTasks = config.maxConcurrentTasks();
        this.processor = new TaskProcessor(handler.withSerializer(DataConverterSerializer.of(converter)), b.client,
                namespace, taskQueue, identity);
        this.pollRequest = PollNexusTaskQueueRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                .build();
        this.pollPermits = new Semaphore(pollers);
        this.observer = b.observer;
        this.gauges = new TransportObserver.WorkerGauges() {
            @Override
            public String transport() {
                return TRANSPORT;
            }

            @Override
            public String name() {
                return taskQueue;
            }

            @Override
            public int tasksInFlight() {
                return activeTasks.size();
            }

            @Override
            public int slots() {
                return maxConcurrentTasks;
            }
        };
    }

    /** A builder for a worker polling {@code taskQueue} through {@code client}'s connection and namespace. */
    public static Builder builder(WorkflowClient client, String taskQueue) {
        return new Builder(client, taskQueue);
    }

    /** This worker's settings, as built (defaults filled in). */
    public Config config() {
        return config;
    }

    /** Starts polling. May be called once. */
    public void start() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("the worker was already started (state " + state + ")");
            }
            state = State.RUNNING;
            observer.workerStarted(gauges);
            for (int i = 0; i < pollers; i++) {
                addThread();
            }
        }
        LOG.info("serving Nexus tasks of task queue {} ({} pollers, up to {} concurrent tasks)", taskQueue,
                pollers, maxConcurrentTasks);
    }

    /** Whether the worker polls. */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /** Whether the worker stopped and every task finished. */
    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /** Stops polling (in-flight long polls are cancelled); running tasks go on and still reply. Returns at once. */
    public void shutdown() {
        synchronized (lock) {
            if (state == State.NEW) {
                state = State.TERMINATED;
                return;
            }
            if (state != State.RUNNING) {
                return;
            }
            state = State.STOPPING;
            lock.notifyAll();
        }
        LOG.info("shutting down the Nexus worker of task queue {}: {} tasks in flight", taskQueue, activeTasks.size());
        for (Context.CancellableContext poll : activePolls) {
            poll.cancel(null);
        }
        // wake threads waiting for a poll slot so they see the new state and leave
        pollPermits.release(maxConcurrentTasks);
        terminateIfIdle();
    }

    /** Waits until every task finished after {@link #shutdown()}; returns whether it did within {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (state != State.TERMINATED) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Graceful stop, bounded: stops polling and waits up to the shutdown timeout for running tasks to finish and
     * reply. Tasks still running then have their {@code Cancellation} cancelled and their threads interrupted, and
     * get a short grace to return and reply. Those that still run after it are abandoned: whatever their handlers
     * return later is dropped (the server retries such a task once its request timeout passes), and replies still
     * being sent are cancelled. Then, with {@link Builder#closeHandlerOnClose(boolean)}, the handler is closed.
     *
     * <p>When this returns, no reply can be sent any more, and no thread of this worker polls. A handler that
     * ignores both cancellation and interruption may still be running on a worker thread: Java cannot stop it.
     * {@link #awaitTermination(Duration)} tells when the last worker thread has ended ({@link #isTerminated()}).
     * Idempotent; if the calling thread is interrupted, it stops waiting and abandons the running tasks at once.
     */
    @Override
    public void close() {
        shutdown();
        try {
            if (!awaitTermination(config.shutdownTimeout())) {
                LOG.warn("{} Nexus tasks of task queue {} still run after {}; cancelling and interrupting them",
                        activeTasks.size(), taskQueue, config.shutdownTimeout());
                for (Task t : activeTasks) {
                    t.interrupt();
                }
                awaitTermination(INTERRUPT_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            abandonRunningTasks();
            if (config.closeHandlerOnClose()) {
                handler.close(); // idempotent
            }
        }
    }

    /**
     * Makes sure no task replies any more: tasks still running are abandoned (they will not reply), replies being
     * sent are cancelled and waited for.
     */
    private void abandonRunningTasks() {
        int abandoned = 0;
        for (Task t : activeTasks) {
            if (t.abandon()) {
                abandoned++;
            }
        }
        if (abandoned > 0) {
            LOG.warn("{} Nexus tasks of task queue {} ignored cancellation and interruption; abandoned: they will not"
                    + " reply, and the server retries them after their request timeout", abandoned, taskQueue);
        }
        long end = System.nanoTime() + CANCELLED_REPLY_WAIT.toNanos();
        boolean interrupted = false;
        synchronized (lock) {
            while (activeTasks.stream().anyMatch(Task::replying)) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    // a gRPC call whose cancellation did not return: only a broken channel does this
                    LOG.warn("replies of the Nexus worker of task queue {} did not return after being cancelled",
                            taskQueue);
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void addThread() {
        threads.incrementAndGet();
        idle.incrementAndGet();
        Thread t = new Thread(this::run, "temporal-nexus-worker[" + taskQueue + "]-" + threadNumber.incrementAndGet());
        t.start();
    }

    /** One worker thread: poll, then serve what was polled on this same thread; repeat. */
    private void run() {
        boolean retired = false;
        try {
            int pollFailures = 0;
            Duration pause = Duration.ZERO;
            while (state == State.RUNNING) {
                if (!pollPermits.tryAcquire(IDLE_THREAD_SECONDS, TimeUnit.SECONDS)) {
                    if (retireIfSurplus()) {
                        retired = true;
                        return;
                    }
                    continue;
                }
                PollNexusTaskQueueResponse task;
                try {
                    if (state != State.RUNNING) {
                        return;
                    }
                    task = poll();
                    pollFailures = 0;
                } catch (Throwable e) {
                    // whatever failed (an Error included), this thread backs off and polls again rather than die
                    pause = POLL_RETRIES.delay(++pollFailures);
                    LOG.warn("polling Nexus task queue {} failed ({}); retrying in {} ms", taskQueue,
                            e instanceof StatusRuntimeException ? ((StatusRuntimeException) e).getStatus() : e.toString(),
                            pause.toMillis());
                    task = null;
                } finally {
                    pollPermits.release();
                }
                if (task == null) {
                    if (pollFailures > 0) {
                        synchronized (lock) {
                            if (state == State.RUNNING) {
                                lock.wait(Math.max(1, pause.toMillis())); // shutdown() wakes it
                            }
                        }
                    }
                    continue;
                }
                // keep `pollers` threads polling while this one serves the task
                if (idle.decrementAndGet() < pollers && threads.get() < maxConcurrentTasks) {
                    synchronized (lock) {
                        if (state == State.RUNNING && threads.get() < maxConcurrentTasks) {
                            addThread();
                        }
                    }
                }
                try {
                    serve(task);
                } catch (Throwable e) {
                    // the processor answers every failure itself; this is a failure around it (e.g. while replying),
                    // and the thread must live on to serve the next task whatever it was
                    LOG.error("serving a Nexus task of task queue {} failed; no reply sent", taskQueue, e);
                } finally {
                    idle.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("a Nexus worker thread of task queue {} died", taskQueue, e);
        } finally {
            if (!retired) {
                idle.decrementAndGet();
                threads.decrementAndGet();
            }
            terminateIfIdle();
        }
    }

    /** Lets an idle thread go when more than {@code pollers} threads are idle; counts it out at once. */
    private boolean retireIfSurplus() {
        synchronized (lock) {
            if (idle.get() > pollers) {
                idle.decrementAndGet();
                threads.decrementAndGet();
                return true;
            }
            return false;
        }
    }

    private void terminateIfIdle() {
        synchronized (lock) {
            if (state == State.STOPPING && threads.get() == 0) {
                state = State.TERMINATED;
                observer.workerStopped(gauges);
                lock.notifyAll();
                LOG.info("the Nexus worker of task queue {} stopped", taskQueue);
            }
        }
    }

    /** One long poll; null when it ended without a task (expired, or cancelled by shutdown). */
    private PollNexusTaskQueueResponse poll() {
        Context.CancellableContext context = Context.current().withCancellation();
        activePolls.add(context);
        long startNanos = System.nanoTime();
        PollNexusTaskQueueResponse task = null;
        RuntimeException failed = null;
        try {
            if (state != State.RUNNING) {
                return null;
            }
            PollNexusTaskQueueResponse r = context.call(() -> stubs.blockingStub()
                    .withDeadlineAfter(LONG_POLL_MILLIS, TimeUnit.MILLISECONDS).pollNexusTaskQueue(pollRequest));
            task = r.getTaskToken().isEmpty() ? null : r;
            return task;
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (state != State.RUNNING || code == Status.Code.DEADLINE_EXCEEDED
                    || (code == Status.Code.CANCELLED && context.isCancelled())) {
                return null;
            }
            failed = e;
            throw e;
        } catch (Exception e) {
            failed = new IllegalStateException("unexpected failure of a Nexus poll", e);
            throw failed;
        } finally {
            activePolls.remove(context);
            context.cancel(null);
            observer.polled(new WorkerPoll(TRANSPORT, taskQueue, Duration.ofNanos(System.nanoTime() - startNanos),
                    task != null, failed));
        }
    }

    private void serve(PollNexusTaskQueueResponse task) {
        Instant deadline = TaskProcessor.deadline(task.getRequest(), Instant.now());
        Task t = new Task();
        activeTasks.add(t);
        try {
            // the engine arms the deadline: past it, the handler's cancellation fires and the answer is "no reply"
            Optional<Message> reply = processor.process(task, deadline, t.cancellation);
            if (reply.isEmpty()) {
                LOG.debug("Nexus task of task queue {} passed its deadline; no reply sent (the server retries it)",
                        taskQueue);
                observer.lateReplyDropped(TaskProcessor.observed(TRANSPORT, task.getRequest()));
                return;
            }
            if (!t.startReply()) {
                LOG.debug("Nexus task of task queue {} finished after close() abandoned it; no reply sent",
                        taskQueue);
                return;
            }
            respond(reply.get(), deadline, t);
        } finally {
            t.done();
            activeTasks.remove(t);
            synchronized (lock) {
                lock.notifyAll(); // close() may wait for this reply
            }
        }
    }

    /** Sends the reply; a few quick retries on transient errors while the deadline allows. */
    private void respond(Message reply, Instant deadline, Task t) {
        Instant firstAttempt = Instant.now();
        RetryPolicy retries = null;
        for (int attempt = 1; ; attempt++) {
            try {
                t.reply.run(() -> send(reply));
                return;
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if (t.reply.isCancelled()) {
                    LOG.debug("a reply of the Nexus worker of task queue {} was cancelled by close()", taskQueue);
                    return;
                }
                if (code == Status.Code.NOT_FOUND) {
                    // the task is gone: it timed out, or a completion callback beat this start response
                    LOG.debug("Nexus task of task queue {} no longer exists on the server; reply dropped", taskQueue);
                    return;
                }
                if (retries == null) {
                    // built on the first failure only: replies nearly always go through at once
                    retries = deadline == null ? REPLY_RETRIES : REPLY_RETRIES.toBuilder()
                            .maxElapsed(nonNegative(Duration.between(firstAttempt, deadline))).build();
                }
                Duration pause = retries.delay(attempt);
                boolean transientError = code == Status.Code.UNAVAILABLE || code == Status.Code.RESOURCE_EXHAUSTED;
                if (!transientError
                        || !retries.allowsRetry(attempt, Duration.between(firstAttempt, Instant.now()), pause)) {
                    LOG.warn("replying to a Nexus task of task queue {} failed: {}", taskQueue, e.getStatus());
                    return;
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void send(Message reply) {
        if (reply instanceof RespondNexusTaskCompletedRequest completed) {
            stubs.blockingStub().withDeadlineAfter(RESPOND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .respondNexusTaskCompleted(completed);
        } else {
            stubs.blockingStub().withDeadlineAfter(RESPOND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .respondNexusTaskFailed((RespondNexusTaskFailedRequest) reply);
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * One task on the thread that serves it: RUNNING (the handler runs), then REPLYING or ABANDONED, then DONE.
     * {@link #close()} interrupts the thread only while the handler runs, so a reply is never cut by an interrupt
     * meant for the handler; and once a task is abandoned it cannot start replying.
     */
    private static final class Task {
        private static final int RUNNING = 0;
        private static final int REPLYING = 1;
        private static final int ABANDONED = 2;
        private static final int DONE = 3;

        final Cancellation cancellation = new Cancellation();
        /** The context replies are sent in: cancelling it cuts a reply in flight. */
        final Context.CancellableContext reply = Context.current().withCancellation();
        private final Thread thread = Thread.currentThread();
        private int state = RUNNING; // guarded by this

        /** Cancels the handler's cancellation and interrupts its thread, if it still runs. */
        synchronized void interrupt() {
            if (state == RUNNING) {
                cancellation.cancel(SHUTTING_DOWN);
                thread.interrupt();
            }
        }

        /** The handler returned: may it reply? Not once abandoned. Clears an interrupt meant for the handler. */
        synchronized boolean startReply() {
            if (state != RUNNING) {
                return false;
            }
            state = REPLYING;
            Thread.interrupted();
            return true;
        }

        /** Stops this task from replying: true if its handler still ran, false if it had finished or was replying. */
        synchronized boolean abandon() {
            if (state == RUNNING) {
                state = ABANDONED;
                cancellation.cancel(SHUTTING_DOWN);
                return true;
            }
            if (state == REPLYING) {
                reply.cancel(null);
            }
            return false;
        }

        synchronized boolean replying() {
            return state == REPLYING;
        }

        /** The task is over: no interrupt is pending for the thread's next poll. */
        synchronized void done() {
            state = DONE;
            reply.cancel(null);
            Thread.interrupted();
        }
    }

    /**
     * A worker's settings, as built.
     *
     * @param taskQueue the task queue polled
     * @param namespace the namespace polled (the client's)
     * @param identity the identity reported to the server
     * @param pollers how many long polls run at a time
     * @param maxConcurrentTasks how many tasks may run at a time
     * @param shutdownTimeout how long {@link TemporalNexusWorker#close()} waits for running tasks before cancelling them
     * @param closeHandlerOnClose whether {@link TemporalNexusWorker#close()} closes the handler
     */
    public record Config(String taskQueue, String namespace, String identity, int pollers, int maxConcurrentTasks,
            Duration shutdownTimeout, boolean closeHandlerOnClose) {}

    /** Builds a {@link TemporalNexusWorker}. Not thread-safe. */
    public static final class Builder {
        private final WorkflowClient client;
        private final String taskQueue;
        private NexusHandler handler;
        private DataConverter dataConverter;
        private String identity;
        private int pollers = 2;
        private int maxConcurrentTasks = 100;
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private boolean closeHandlerOnClose;
        private TransportObserver observer = TransportObserver.NONE;

        private Builder(WorkflowClient client, String taskQueue) {
            this.client = Objects.requireNonNull(client, "client");
            this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
            if (taskQueue.isBlank()) {
                throw new IllegalArgumentException("the task queue name is blank");
            }
        }

        /** The handler to serve (required). */
        public Builder handler(NexusHandler h) {
            this.handler = Objects.requireNonNull(h, "handler");
            return this;
        }

        /**
         * Observes the worker's polls (latency, errors), its tasks in flight against its slots and the replies it
         * drops past a task's deadline (default: none); e.g. {@code NexusTelemetry.transportObserver()}. The calls
         * themselves are observed by the handler's middleware, which sees the Nexus request headers (and so the
         * trace context a traced Temporal caller sent).
         */
        public Builder observer(TransportObserver o) {
            this.observer = Objects.requireNonNull(o, "observer");
            return this;
        }

        /** The converter of payloads; default: the client's. */
        public Builder dataConverter(DataConverter converter) {
            this.dataConverter = Objects.requireNonNull(converter, "dataConverter");
            return this;
        }

        /** The identity reported to the server; default: the client's. */
        public Builder identity(String id) {
            this.identity = Objects.requireNonNull(id, "identity");
            return this;
        }

        /** How many long polls run at a time (default 2). */
        public Builder pollers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("pollers must be at least 1, got " + n);
            }
            this.pollers = n;
            return this;
        }

        /** How many tasks may run at a time (default 100); polling pauses while the limit is reached. */
        public Builder maxConcurrentTasks(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConcurrentTasks must be at least 1, got " + n);
            }
            this.maxConcurrentTasks = n;
            return this;
        }

        /** How long {@link #close()} waits for running tasks before cancelling them (default 30 s). */
        public Builder shutdownTimeout(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("the shutdown timeout must be zero or positive");
            }
            this.shutdownTimeout = d;
            return this;
        }

        /**
         * Whether {@link TemporalNexusWorker#close()} closes the handler too (default {@code false}: the handler is
         * the caller's, who may serve it over other transports as well). Set it when the worker owns the handler.
         */
        public Builder closeHandlerOnClose(boolean on) {
            this.closeHandlerOnClose = on;
            return this;
        }

        /** The worker, not yet started. */
        public TemporalNexusWorker build() {
            if (handler == null) {
                throw new IllegalStateException("no handler: call handler(NexusHandler) before build()");
            }
            if (pollers > maxConcurrentTasks) {
                throw new IllegalStateException("pollers (" + pollers + ") exceed maxConcurrentTasks ("
                        + maxConcurrentTasks + "): every poller needs a task slot");
            }
            DataConverter dc = dataConverter != null ? dataConverter : client.getOptions().getDataConverter();
            return new TemporalNexusWorker(this, handler, dc);
        }
    }
}
