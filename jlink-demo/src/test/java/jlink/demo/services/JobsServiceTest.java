package jlink.demo.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import jlink.demo.contract.JobsService;
import jlink.demo.contract.SleepInput;
import jlink.demo.contract.SleepResult;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.handler.testing.NexusTestHarness;
import org.junit.jupiter.api.Test;

/**
 * jobs/sleep through the real dispatcher, with the @BackgroundJob kind found by ServiceLoader: what this service
 * adds (its input checks and results). The kind's own behaviour (cancel, request-id deduplication, expiry,
 * completion callbacks, close) is tested in the jlink.demo.jobs module.
 */
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
    void badInputIsRejectedAtStartWithWhatToSend() {
        for (SleepInput bad : new SleepInput[] {
            new SleepInput(null, null), new SleepInput(-1L, null), new SleepInput(HOUR + 1, null),
            new SleepInput(5L, "  ")}) {
            HandlerException e = assertThrows(HandlerException.class, () -> jobs.start(JobsService::sleep, bad));
            assertEquals(HandlerException.ErrorType.BAD_REQUEST, e.type(), bad.toString());
            assertTrue(e.getMessage().contains("millis") || e.getMessage().contains("fail"), e.getMessage());
        }
    }
}
