package temporal.nexus.tests;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import temporal.nexus.SignalWithStart;
import temporal.nexus.SignalWithStartOperation;
import temporal.nexus.UpdateOperation;
import temporal.nexus.UpdateStart;
import temporal.nexus.WorkflowRunOperation;
import temporal.nexus.WorkflowStart;
import temporal.nexus.tests.Workflows.CartWorkflow;
import temporal.nexus.tests.Workflows.HelloWorkflow;

/** The implementation served in the tests; records what happened so tests can check it. */
@ServiceImpl(Greeting.class)
public final class GreetingImpl {
    /** Attempts per "operation/input". */
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** Why "slow" calls were cancelled. */
    final List<String> cancellations = new CopyOnWriteArrayList<>();
    /** The request-timeout header of each "slow" call. */
    final List<String> requestTimeouts = new CopyOnWriteArrayList<>();

    int attempt(String operation, String input) {
        return attempts.computeIfAbsent(operation + "/" + input, k -> new AtomicInteger()).incrementAndGet();
    }

    int attempts(String operation, String input) {
        AtomicInteger n = attempts.get(operation + "/" + input);
        return n == null ? 0 : n.get();
    }

    private static WorkflowOptions id(String workflowId) {
        return WorkflowOptions.newBuilder().setWorkflowId(workflowId).build();
    }

    @SyncOperation
    public String echo(String input) {
        return "echo " + input;
    }

    @SyncOperation
    public Greeting.Welcome welcome(Greeting.Person person) {
        return new Greeting.Welcome("welcome " + person.name(), person.age() + 1);
    }

    @WorkflowRunOperation
    public WorkflowStart<String> hello(OperationContext ctx, String name) {
        return WorkflowStart.of(HelloWorkflow.class, wf -> wf.run(name), id("hello-" + name));
    }

    @WorkflowRunOperation
    public WorkflowStart<String> block(String id) {
        return WorkflowStart.ofType("BlockingWorkflow", id("block-" + id), id);
    }

    @SyncOperation
    public String fail(String input) throws OperationException {
        throw OperationException.failed("it failed on purpose", new IllegalStateException("the root cause"));
    }

    @SyncOperation
    public String giveUp(String input) throws OperationException {
        throw OperationException.canceled("given up on purpose");
    }

    @SyncOperation
    public String bad(String input) {
        attempt("bad", input);
        throw HandlerException.badRequest("bad input: " + input);
    }

    @SyncOperation
    public String flaky(String input) {
        if (attempt("flaky", input) == 1) {
            throw new HandlerException(HandlerException.ErrorType.INTERNAL, "transient trouble");
        }
        return "recovered " + input;
    }

    @WorkflowRunOperation
    public WorkflowStart<String> dedupe(String input) {
        attempt("dedupe", input);
        // a workflow that outlives the retry, so the retried start (not the completion) finishes the operation
        return WorkflowStart.ofType("PatientHelloWorkflow", id("dedupe-" + input), input);
    }

    @UpdateOperation
    public UpdateStart<String> bump(String input) {
        return UpdateStart.of("counter-" + input, "bump", input);
    }

    @UpdateOperation
    public UpdateStart<String> bumpSlowly(String input) {
        return UpdateStart.of("counter-" + input, "bumpSlowly", input);
    }

    /** An update the workflow refuses with an ApplicationFailure of its own type and details. */
    @UpdateOperation
    public UpdateStart<String> refuse(String input) {
        return UpdateStart.of("counter-" + input, "refuse", input);
    }

    @UpdateOperation
    public UpdateStart<String> bumpOrStart(String input) {
        return UpdateStart.withStart(WorkflowStart.ofType("CounterWorkflow", id("counter-" + input)), "bump", input);
    }

    @SignalWithStartOperation
    public SignalWithStart<String> enqueue(String item) {
        return SignalWithStart.<String>of(CartWorkflow.class, id("cart-" + item), "alice").signal("add", item);
    }

    /** The first attempt blocks until its request deadline cancels it; later attempts answer at once. */
    @SyncOperation
    public String slow(OperationContext ctx, String input) throws InterruptedException {
        requestTimeouts.add(String.valueOf(ctx.headers().get("request-timeout")));
        if (attempt("slow", input) > 1) {
            return "on time " + input;
        }
        CountDownLatch cancelled = new CountDownLatch(1);
        ctx.cancellation().onCancel(cancelled::countDown);
        if (cancelled.await(60, TimeUnit.SECONDS)) {
            cancellations.add(ctx.cancellation().reason());
        }
        return "late " + input;
    }

    /** Entered when a "pause" call runs; "pause" calls finish once {@link #resume} is counted down. */
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);

    @SyncOperation
    public String pause(String input) throws InterruptedException {
        paused.countDown();
        return resume.await(30, TimeUnit.SECONDS) ? "resumed " + input : "never resumed";
    }

    /** How many "gate" calls run now, and the most that ever ran at once. */
    final AtomicInteger gateRunning = new AtomicInteger();
    final AtomicInteger gateMostAtOnce = new AtomicInteger();
    final CountDownLatch gateEntered = new CountDownLatch(2);
    final CountDownLatch gateOpen = new CountDownLatch(1);

    @SyncOperation
    public String gate(String input) throws InterruptedException {
        int now = gateRunning.incrementAndGet();
        gateMostAtOnce.accumulateAndGet(now, Math::max);
        gateEntered.countDown();
        try {
            return gateOpen.await(30, TimeUnit.SECONDS) ? "passed " + input : "gate never opened";
        } finally {
            gateRunning.decrementAndGet();
        }
    }

    /** Every caller with the same input shares one workflow: later callers attach to the running one. */
    @WorkflowRunOperation
    public WorkflowStart<String> shared(String input) {
        return WorkflowStart.ofType("PatientHelloWorkflow", WorkflowOptions.newBuilder().setWorkflowId("shared-" + input)
                .setWorkflowIdConflictPolicy(
                        io.temporal.api.enums.v1.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build(), input);
    }

    /** Fails with a checked exception whose message must not reach the caller. */
    @WorkflowRunOperation
    public WorkflowStart<String> leaky(String input) throws java.io.IOException {
        throw new java.io.IOException("disk full at /srv/secret-" + input);
    }

    /** The first attempt overflows the stack (deep recursion, a real StackOverflowError); later ones answer. */
    @SyncOperation
    public String overflow(String input) {
        if (attempt("overflow", input) == 1) {
            return "depth " + recurse(0);
        }
        return "survived " + input;
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** "sleepy" calls sleep a minute, ignoring their cancellation, unless interrupted. */
    final CountDownLatch sleepyEntered = new CountDownLatch(1);
    final CountDownLatch sleepyInterrupted = new CountDownLatch(1);

    @SyncOperation
    public String sleepy(String input) {
        sleepyEntered.countDown();
        try {
            Thread.sleep(60_000);
            return "slept " + input;
        } catch (InterruptedException e) {
            sleepyInterrupted.countDown();
            return "interrupted " + input;
        }
    }

    /** "deaf" calls ignore cancellation and interrupts; they return once {@link #deafRelease} is counted down. */
    final CountDownLatch deafEntered = new CountDownLatch(1);
    final CountDownLatch deafRelease = new CountDownLatch(1);
    final CountDownLatch deafReturned = new CountDownLatch(1);

    @SyncOperation
    public String deaf(String input) {
        deafEntered.countDown();
        try {
            while (true) {
                try {
                    if (deafRelease.await(60, TimeUnit.SECONDS)) {
                        return "finally " + input;
                    }
                } catch (InterruptedException ignored) {
                    // deaf on purpose: the worker must not rely on handlers honouring interrupts
                }
            }
        } finally {
            deafReturned.countDown();
        }
    }

    @SyncOperation
    public String whoami(OperationContext ctx, String input) {
        return ctx.extension(WorkflowClient.class).map(c -> "namespace " + c.getOptions().getNamespace())
                .orElse("no client");
    }
}
