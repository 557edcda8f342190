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
import nexusrpc.handler.StartOutcome;
import nexusrpc.handler.StartRequest;
import nexusrpc.handler.internal.Deadlines;
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
    void theDeadlineCancelsTheCall() throws Exception {
        Cancellation cancellation = new Cancellation();
        StartOutcome outcome = CompletableFuture.supplyAsync(() -> handler.start(
                StartRequest.builder("Waiting", "waitForCancel").input(Requests.json("\"d\""))
                        .deadline(Instant.now().plusMillis(50)).cancellation(cancellation).build()), caller)
                .get(GUARD_SECONDS, TimeUnit.SECONDS);
        assertEquals("\"d: " + Deadlines.REASON + "\"", result(outcome));
        assertTrue(cancellation.isCancelled());
    }

    @Test
    void aDeadlineAlreadyPassedIsCancelledOnEntry() {
        assertEquals("\"late cancelled=true deadline=1000 remaining=true\"", result(handler.start(
                StartRequest.builder("Waiting", "describe").input(Requests.json("\"late\""))
                        .deadline(Instant.ofEpochMilli(1000)).build())));
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
