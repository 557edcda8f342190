package jlink.demo.jobs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import nexusrpc.api.HandlerException;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.testing.NexusTestHarness;
import org.junit.jupiter.api.Test;

/** Closing the engine closes the kind's handler: its worker threads end and its verbs answer UNAVAILABLE. */
class CloseTest {
    @Test
    void closingTheEngineStopsTheJobThreads() throws Exception {
        NexusHandler handler = Sleepers.handler(new Sleepers.Defaults());
        ServiceClient<Sleeper> jobs = NexusTestHarness.of(handler).client(Sleeper.class);
        Thread caller = Thread.currentThread();
        List<Thread> before = jobThreads();
        OperationHandle<SleepResult> a = jobs.start(Sleeper::sleep, new SleepInput(Sleepers.HOUR, null)).handle();
        jobs.start(Sleeper::sleep, new SleepInput(Sleepers.HOUR, null)).handle();
        List<Thread> workers = jobThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toList());
        assertEquals(2, workers.size(), "one worker thread per running job: " + workers);

        handler.close();

        for (Thread t : workers) {
            t.join(30_000);
            assertFalse(t.isAlive(), t + " still runs after close");
        }
        HandlerException e = assertThrows(HandlerException.class, a::info);
        assertEquals(HandlerException.ErrorType.UNAVAILABLE, e.type());
        HandlerException start = assertThrows(HandlerException.class,
                () -> jobs.start(Sleeper::sleep, new SleepInput(1L, null)));
        assertEquals(HandlerException.ErrorType.UNAVAILABLE, start.type());
        assertFalse(caller.isInterrupted());
        handler.close(); // idempotent
    }

    /** The live worker threads of every sleeper/sleep handler in this JVM. */
    private static List<Thread> jobThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("job-sleeper/sleep-") && t.isAlive())
                .collect(Collectors.toList());
    }
}
