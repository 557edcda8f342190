package jlink.demo.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import jlink.demo.cli.CallbackInbox;
import jlink.demo.contract.JobsService;
import jlink.demo.contract.SleepInput;
import jlink.demo.contract.SleepResult;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.http.ReceivedCompletion;
import nexusrpc.handler.testing.NexusTestHarness;
import org.junit.jupiter.api.Test;

/** jobs/sleep through the real dispatcher, with the @BackgroundJob kind found by ServiceLoader. */
class JobsServiceTest {
    /** Long enough that a waiting test never sees a timeout on a slow machine; nothing measures it. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long HOUR = 3_600_000;

    private final NexusTestHarness harness = NexusTestHarness.of(new JobsServiceImpl());
    private final ServiceClient<JobsService> jobs = harness.client(JobsService.class);

    @Test
    void sleepStartsAsynchronouslyAndSucceeds() throws Exception {
        StartedOperation<SleepResult> started = jobs.start(JobsService::sleep, new SleepInput(20L, null));
        assertTrue(started instanceof StartedOperation.Running, "a background job always answers with a token");
        OperationHandle<SleepResult> handle = started.handle();

        assertEquals(20, handle.result(WAIT).sleptMillis());
        assertEquals(OperationState.SUCCEEDED, handle.info().state());
    }

    @Test
    void sleepFailsWithTheRequestedReason() throws Exception {
        OperationHandle<SleepResult> handle = jobs.start(JobsService::sleep, new SleepInput(1L, "disk full")).handle();

        OperationException e = assertThrows(OperationException.class, () -> handle.result(WAIT));
        assertEquals(OperationState.FAILED, e.state());
        assertEquals("disk full", e.getMessage());
        assertEquals(OperationState.FAILED, handle.info().state());
    }

    @Test
    void cancelStopsARunningJob() throws Exception {
        OperationHandle<SleepResult> handle = jobs.start(JobsService::sleep, new SleepInput(HOUR, null)).handle();
        assertEquals(OperationState.RUNNING, handle.info().state());
        assertThrows(OperationStillRunningException.class, () -> handle.result(Duration.ZERO));

        handle.cancel();

        assertEquals(OperationState.CANCELED, handle.info().state());
        OperationException e = assertThrows(OperationException.class, () -> handle.result(WAIT));
        assertEquals(OperationState.CANCELED, e.state());
    }

    @Test
    void aStartRetriedWithTheSameRequestIdGetsTheSameOperation() throws Exception {
        CallOptions first = CallOptions.builder().requestId("req-1").build();
        String a = jobs.start(JobsService::sleep, new SleepInput(HOUR, null), first).handle().token();
        String again = jobs.start(JobsService::sleep, new SleepInput(HOUR, null), first).handle().token();
        String other = jobs.start(JobsService::sleep, new SleepInput(HOUR, null),
                CallOptions.builder().requestId("req-2").build()).handle().token();

        assertEquals(a, again);
        assertNotEquals(a, other);
        jobs.handle(JobsService::sleep, a).cancel();
        jobs.handle(JobsService::sleep, other).cancel();
    }

    @Test
    void badInputIsRejectedAtStartWithWhatToSend() {
        for (SleepInput bad : new SleepInput[] {
            new SleepInput(null, null), new SleepInput(-1L, null), new SleepInput(HOUR + 1, null),
            new SleepInput(5L, "  ")}) {
            HandlerException e = assertThrows(HandlerException.class, () -> jobs.start(JobsService::sleep, bad));
            assertEquals(HandlerException.ErrorType.BAD_REQUEST, e.type(), bad.toString());
            assertTrue(e.getMessage().contains("millis") || e.getMessage().contains("fail"), e.getMessage());
        }
    }

    @Test
    void anUnknownTokenIsNotFound() {
        HandlerException e = assertThrows(HandlerException.class,
                () -> jobs.handle(JobsService::sleep, "no-such-token").info());
        assertEquals(HandlerException.ErrorType.NOT_FOUND, e.type());
    }

    @Test
    void completionsAreDeliveredToTheCallbackUrl() throws Exception {
        try (CallbackInbox callbacks = new CallbackInbox()) {
            CallOptions withCallback = CallOptions.builder()
                    .callbackUrl(callbacks.url())
                    .callbackHeader("X-Caller-Ref", "ref-42")
                    .build();
            String ok = jobs.start(JobsService::sleep, new SleepInput(5L, null), withCallback).handle().token();
            ReceivedCompletion success = next(callbacks);
            assertEquals(OperationState.SUCCEEDED, success.state());
            assertEquals(ok, success.token());
            assertEquals("ref-42", success.headers().get("X-Caller-Ref"));
            assertEquals("{\"sleptMillis\":5}", new String(success.result().data(), StandardCharsets.UTF_8));

            String failing = jobs.start(JobsService::sleep, new SleepInput(5L, "boom"), withCallback).handle().token();
            ReceivedCompletion failure = next(callbacks);
            assertEquals(OperationState.FAILED, failure.state());
            assertEquals(failing, failure.token());
            assertEquals("boom", failure.failure().message());

            String canceled = jobs.start(JobsService::sleep, new SleepInput(HOUR, null), withCallback).handle().token();
            jobs.handle(JobsService::sleep, canceled).cancel();
            ReceivedCompletion cancellation = next(callbacks);
            assertEquals(OperationState.CANCELED, cancellation.state());
            assertEquals(canceled, cancellation.token());
        }
    }

    private static ReceivedCompletion next(CallbackInbox callbacks) throws InterruptedException {
        ReceivedCompletion c = callbacks.next(WAIT);
        if (c == null) {
            throw new AssertionError("no completion callback arrived");
        }
        return c;
    }
}
