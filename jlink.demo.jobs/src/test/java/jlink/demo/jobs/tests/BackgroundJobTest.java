package jlink.demo.jobs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.testing.NexusTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kind through the real engine and the in-memory transport ({@link NexusTestHarness}), found by ServiceLoader
 * as in production: the verbs, request-id deduplication, the running limit, and bounded, expiring retention.
 */
class BackgroundJobTest {
    /** Long enough that a waiting test never sees a timeout on a slow machine; nothing measures it. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long HOUR = Sleepers.HOUR;

    private final List<NexusHandler> handlers = new ArrayList<>();

    @AfterEach
    void closeHandlers() {
        handlers.forEach(NexusHandler::close);
    }

    private ServiceClient<Sleeper> clientOf(Object impl) {
        NexusHandler handler = Sleepers.handler(impl);
        handlers.add(handler);
        return NexusTestHarness.of(handler).client(Sleeper.class);
    }

    @Test
    void aJobStartsAsynchronouslyAndSucceeds() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.Defaults());
        StartedOperation<SleepResult> started = jobs.start(Sleeper::sleep, new SleepInput(20L, null));
        assertTrue(started instanceof StartedOperation.Running, "a background job always answers with a token");
        OperationHandle<SleepResult> handle = started.handle();

        assertEquals(20, handle.result(WAIT).sleptMillis());
        assertEquals(OperationState.SUCCEEDED, handle.info().state());
        assertEquals(20, handle.result(Duration.ZERO).sleptMillis(), "the outcome is retained after it was fetched");
    }

    @Test
    void aJobFailsWithItsReason() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.Defaults());
        OperationHandle<SleepResult> handle = jobs.start(Sleeper::sleep, new SleepInput(1L, "disk full")).handle();

        OperationException e = assertThrows(OperationException.class, () -> handle.result(WAIT));
        assertEquals(OperationState.FAILED, e.state());
        assertEquals("disk full", e.getMessage());
        assertEquals(OperationState.FAILED, handle.info().state());
    }

    @Test
    void anUnexpectedExceptionFailsTheJobWithoutItsDetails() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.Crashes());
        OperationHandle<SleepResult> handle = jobs.start(Sleeper::sleep, new SleepInput(1L, null)).handle();

        OperationException e = assertThrows(OperationException.class, () -> handle.result(WAIT));
        assertEquals(OperationState.FAILED, e.state());
        assertFalse(e.getMessage().contains("0xdead"), e.getMessage());
    }

    @Test
    void cancelStopsARunningJob() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.Defaults());
        OperationHandle<SleepResult> handle = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null)).handle();
        assertEquals(OperationState.RUNNING, handle.info().state());
        assertThrows(OperationStillRunningException.class, () -> handle.result(Duration.ZERO));

        handle.cancel();

        assertEquals(OperationState.CANCELED, handle.info().state());
        OperationException e = assertThrows(OperationException.class, () -> handle.result(WAIT));
        assertEquals(OperationState.CANCELED, e.state());
    }

    @Test
    void aLongPollEndsWithStillRunning() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.Defaults());
        OperationHandle<SleepResult> handle = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null)).handle();

        assertThrows(OperationStillRunningException.class, () -> handle.result(Duration.ofMillis(50)));
    }

    @Test
    void badInputIsRejectedAtStart() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.Defaults());
        for (SleepInput bad : new SleepInput[] {
            new SleepInput(null, null), new SleepInput(-1L, null), new SleepInput(HOUR + 1, null),
            new SleepInput(5L, "  ")}) {
            HandlerException e = assertThrows(HandlerException.class, () -> jobs.start(Sleeper::sleep, bad));
            assertEquals(HandlerException.ErrorType.BAD_REQUEST, e.type(), bad.toString());
        }
    }

    @Test
    void anUnknownTokenIsNotFound() {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.Defaults());
        HandlerException e = assertThrows(HandlerException.class,
                () -> jobs.handle(Sleeper::sleep, "no-such-token").info());
        assertEquals(HandlerException.ErrorType.NOT_FOUND, e.type());
    }

    @Test
    void aStartRetriedWithTheSameRequestIdGetsTheSameOperation() throws Exception {
        Sleepers.Defaults impl = new Sleepers.Defaults();
        ServiceClient<Sleeper> jobs = clientOf(impl);
        CallOptions first = CallOptions.builder().requestId("req-1").build();
        String a = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null), first).handle().token();
        String again = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null), first).handle().token();
        String other = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null),
                CallOptions.builder().requestId("req-2").build()).handle().token();

        assertEquals(a, again);
        assertNotEquals(a, other);
        assertEquals(2, impl.startsRun.get(), "a retry does not run the start method again");
    }

    @Test
    void concurrentRetriesStartOneJob() throws Exception {
        Sleepers.Defaults impl = new Sleepers.Defaults();
        ServiceClient<Sleeper> jobs = clientOf(impl);
        CallOptions retry = CallOptions.builder().requestId("req-concurrent").build();
        int callers = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                tokens.add(pool.submit(() -> {
                    go.await();
                    return jobs.start(Sleeper::sleep, new SleepInput(HOUR, null), retry).handle().token();
                }));
            }
            go.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> t : tokens) {
                distinct.add(t.get());
            }
            assertEquals(1, distinct.size(), distinct.toString());
            assertEquals(1, impl.startsRun.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRejectedStartIsNotRemembered() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.Defaults());
        CallOptions same = CallOptions.builder().requestId("req-fixed").build();
        assertThrows(HandlerException.class, () -> jobs.start(Sleeper::sleep, new SleepInput(-1L, null), same));

        OperationHandle<SleepResult> handle = jobs.start(Sleeper::sleep, new SleepInput(1L, null), same).handle();

        assertEquals(1, handle.result(WAIT).sleptMillis());
    }

    @Test
    void startsBeyondTheRunningLimitAreRefusedUntilAJobEnds() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.OneAtATime());
        OperationHandle<SleepResult> first = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null)).handle();

        HandlerException e = assertThrows(HandlerException.class,
                () -> jobs.start(Sleeper::sleep, new SleepInput(1L, null)));
        assertEquals(HandlerException.ErrorType.RESOURCE_EXHAUSTED, e.type());

        first.cancel();
        OperationHandle<SleepResult> next = jobs.start(Sleeper::sleep, new SleepInput(1L, null)).handle();
        assertEquals(1, next.result(WAIT).sleptMillis());
    }

    @Test
    void aRetryOfARunningStartIsNotCountedAgainstTheLimit() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.OneAtATime());
        CallOptions same = CallOptions.builder().requestId("req-limit").build();
        String token = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null), same).handle().token();

        assertEquals(token, jobs.start(Sleeper::sleep, new SleepInput(HOUR, null), same).handle().token());
    }

    @Test
    void theOldestFinishedJobsAreForgottenBeyondMaxRetainedWithTheirRequestIds() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.KeepsTwo());
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            OperationHandle<SleepResult> h = jobs.start(Sleeper::sleep, new SleepInput(0L, null),
                    CallOptions.builder().requestId("req-" + i).build()).handle();
            h.result(WAIT);
            tokens.add(h.token());
        }
        // jobs finish in start order here: each was awaited before the next started
        HandlerException gone = assertThrows(HandlerException.class,
                () -> jobs.handle(Sleeper::sleep, tokens.get(0)).info());
        assertEquals(HandlerException.ErrorType.NOT_FOUND, gone.type());
        assertEquals(OperationState.SUCCEEDED, jobs.handle(Sleeper::sleep, tokens.get(1)).info().state());
        assertEquals(OperationState.SUCCEEDED, jobs.handle(Sleeper::sleep, tokens.get(2)).info().state());

        String retriedOld = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null),
                CallOptions.builder().requestId("req-1").build()).handle().token();
        String retriedKept = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null),
                CallOptions.builder().requestId("req-3").build()).handle().token();
        assertNotEquals(tokens.get(0), retriedOld, "the forgotten job's request id starts a new job");
        assertEquals(tokens.get(2), retriedKept, "a kept job's request id still deduplicates");
    }

    @Test
    void finishedJobsAndTheirRequestIdsExpireAfterTheRetention() throws Exception {
        ServiceClient<Sleeper> jobs = clientOf(new Sleepers.KeepsNothingFinished());
        CallOptions same = CallOptions.builder().requestId("req-expiring").build();
        OperationHandle<SleepResult> running = jobs.start(Sleeper::sleep, new SleepInput(HOUR, null),
                CallOptions.builder().requestId("req-running").build()).handle();
        OperationHandle<SleepResult> done = jobs.start(Sleeper::sleep, new SleepInput(0L, null), same).handle();
        awaitFinished(done);

        HandlerException gone = assertThrows(HandlerException.class, () -> done.info());
        assertEquals(HandlerException.ErrorType.NOT_FOUND, gone.type());
        assertNotEquals(done.token(),
                jobs.start(Sleeper::sleep, new SleepInput(HOUR, null), same).handle().token());
        assertEquals(OperationState.RUNNING, running.info().state(), "running jobs never expire");
    }

    /** Waits until the job has left RUNNING, seen by fetchInfo (which may already find it expired). */
    private static void awaitFinished(OperationHandle<SleepResult> handle) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (handle.info().state() != OperationState.RUNNING) {
                    return;
                }
            } catch (HandlerException notFound) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the job did not finish");
    }
}
