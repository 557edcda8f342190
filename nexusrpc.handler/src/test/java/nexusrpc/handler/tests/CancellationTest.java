package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A handler observes cancellation of its own in-flight call: by the transport, or when the deadline passes. */
class CancellationTest {
    /** Guards every wait so a broken engine fails the test instead of hanging it; never asserted on. */
    private static final long GUARD_SECONDS = 30;

    @Service
    public interface Waiting {
        @Operation
        String waitForCancel(String label);

        @Operation
        String describe(String label);
    }

    @ServiceImpl(Waiting.class)
    public static final class WaitingImpl {
        final CountDownLatch entered = new CountDownLatch(1);

        @SyncOperation
        public String waitForCancel(OperationContext ctx, String label) throws InterruptedException {
            CountDownLatch cancelled = new CountDownLatch(1);
            ctx.cancellation().onCancel(cancelled::countDown);
            entered.countDown();
            if (!cancelled.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
                throw new HandlerException(HandlerException.ErrorType.INTERNAL, "never cancelled");
            }
            return label + ": " + ctx.cancellation().reason();
        }

        @SyncOperation
        public String describe(OperationContext ctx, String label) {
            return label + " cancelled=" + ctx.cancellation().isCancelled() + " deadline="
                    + ctx.deadline().map(Instant::toEpochMilli).orElse(-1L) + " remaining="
                    + ctx.timeRemaining().isPresent();
        }
    }

    @Service
    public interface Ignoring {
        @Operation
        String ignore(String label);
    }

    /** Blocks until released, never looking at its cancellation. */
    @ServiceImpl(Ignoring.class)
    public static final class IgnoringImpl {
        private final CountDownLatch entered;
        private final CountDownLatch release;

        IgnoringImpl(CountDownLatch entered, CountDownLatch release) {
            this.entered = entered;
            this.release = release;
        }

        @SyncOperation
        public String ignore(String label) throws InterruptedException {
            entered.countDown();
            release.await(GUARD_SECONDS, TimeUnit.SECONDS);
            return label;
        }
    }

    private final WaitingImpl impl = new WaitingImpl();
    private final NexusHandler handler = NexusHandler.builder().service(impl).build();
    /**
     * Runs the call that blocks until cancelled. Not the common pool (CompletableFuture's default): with 2 CPUs it
     * has one thread, and from JDK 25 no thread-per-task fallback, so anything else parked there would stall it.
     */
    private final ExecutorService caller = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "cancellation-test-caller");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stopCaller() {
        caller.shutdownNow();
    }

    private static String result(StartOutcome outcome) {
        return Requests.text(assertInstanceOf(StartOutcome.Sync.class, outcome, outcome::toString).result());
    }

    @Test
    void theHandlerSeesTheTransportCancelItsCall() throws Exception {
        Cancellation cancellation = new Cancellation();
        CompletableFuture<StartOutcome> call = CompletableFuture.supplyAsync(() -> handler.start(
                StartRequest.builder("Waiting", "waitForCancel").input(Requests.json("\"t\""))
                        .cancellation(cancellation).build()), caller);
        assertTrue(impl.entered.await(GUARD_SECONDS, TimeUnit.SECONDS));
        assertTrue(cancellation.cancel("client went away"));
        assertEquals("\"t: client went away\"", result(call.get(GUARD_SECONDS, TimeUnit.SECONDS)));
    }

    @Test
    void theDeadlineCancelsTheCallAndItsAnswerIsDeadlineExceeded() throws Exception {
        Cancellation cancellation = new Cancellation();
        Instant deadline = Instant.now().plusMillis(50);
        StartOutcome outcome = CompletableFuture.supplyAsync(() -> handler.start(
                StartRequest.builder("Waiting", "waitForCancel").input(Requests.json("\"d\""))
                        .deadline(deadline).cancellation(cancellation).build()), caller)
                .get(GUARD_SECONDS, TimeUnit.SECONDS);
        // the handler answered once cancelled, but after the deadline: the answer is the deadline's, whatever it said
        assertEquals(new DeadlineExceeded(deadline), outcome);
        assertTrue(cancellation.isCancelled());
        assertEquals(DeadlineExceeded.REASON, cancellation.reason());
    }

    @Test
    void aReplyIsAnsweredAtTheDeadlineWhileAHandlerThatIgnoresCancellationStillRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        NexusHandler stubborn = NexusHandler.builder().service(new IgnoringImpl(entered, release)).build();
        Instant deadline = Instant.now().plusMillis(100);
        CompletableFuture<StartOutcome> replied = new CompletableFuture<>();
        java.util.List<StartOutcome> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> stubborn.start(StartRequest.builder("Ignoring", "ignore")
                .input(Requests.json("\"i\"")).deadline(deadline).build(), o -> {
                    answers.add(o);
                    replied.complete(o);
                }));
        caller.start();
        try {
            assertTrue(entered.await(GUARD_SECONDS, TimeUnit.SECONDS));
            // answered at the deadline, from the engine's deadline thread, while the handler still blocks
            assertEquals(new DeadlineExceeded(deadline), replied.get(GUARD_SECONDS, TimeUnit.SECONDS));
            assertTrue(caller.isAlive(), "the handler is still running");
        } finally {
            release.countDown();
        }
        caller.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
        // the handler's late answer is dropped: the reply was called exactly once
        assertEquals(1, answers.size(), answers::toString);
    }

    @Test
    void aDeadlineAlreadyPassedIsAnsweredWithoutRunningTheHandler() {
        Cancellation cancellation = new Cancellation();
        Instant past = Instant.ofEpochMilli(1000);
        assertEquals(new DeadlineExceeded(past), handler.start(
                StartRequest.builder("Waiting", "waitForCancel").input(Requests.json("\"late\""))
                        .deadline(past).cancellation(cancellation).build()));
        assertEquals(1, impl.entered.getCount(), "the handler was not called");
        assertTrue(cancellation.isCancelled());
    }

    @Test
    void theDeadlineIsVisibleAndAFinishedCallIsNotCancelledLater() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofHours(1));
        Cancellation cancellation = new Cancellation();
        assertEquals("\"x cancelled=false deadline=" + deadline.toEpochMilli() + " remaining=true\"",
                result(handler.start(StartRequest.builder("Waiting", "describe").input(Requests.json("\"x\""))
                        .deadline(deadline).cancellation(cancellation).build())));
        assertFalse(cancellation.isCancelled());
        Instant farAway = Instant.now().plus(Duration.ofDays(365L * 1000)); // beyond a long of nanoseconds
        assertEquals("\"z cancelled=false deadline=" + farAway.toEpochMilli() + " remaining=true\"",
                result(handler.start(StartRequest.builder("Waiting", "describe").input(Requests.json("\"z\""))
                        .deadline(farAway).build())), "a deadline too far to schedule is never reached");
        assertEquals("\"y cancelled=false deadline=-1 remaining=false\"",
                result(handler.start(Requests.start("Waiting", "describe", "\"y\""))));
    }
}
