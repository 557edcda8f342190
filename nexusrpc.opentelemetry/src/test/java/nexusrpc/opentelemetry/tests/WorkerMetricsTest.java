package nexusrpc.opentelemetry.tests;

import static nexusrpc.opentelemetry.tests.Sdk.l;
import static nexusrpc.opentelemetry.tests.Sdk.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.handler.transport.ObservedCall;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.handler.transport.WorkerPoll;
import nexusrpc.opentelemetry.NexusTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's metrics as a transport reports them through the observer (the Temporal worker's own test shows it
 * reports them; this one what they become): polls, poll errors, tasks in flight against slots, late replies.
 */
class WorkerMetricsTest {
    private final Sdk sdk = new Sdk();
    private final TransportObserver observer = NexusTelemetry.create(sdk.otel).transportObserver();

    @AfterEach
    void stop() {
        sdk.close();
    }

    @Test
    void pollsAndPollErrorsAreMeasuredByResult() {
        observer.polled(new WorkerPoll("temporal", "orders", Duration.ofMillis(250), true, null));
        observer.polled(new WorkerPoll("temporal", "orders", Duration.ofSeconds(60), false, null));
        observer.polled(new WorkerPoll("temporal", "orders", Duration.ofMillis(5), false,
                new IllegalStateException("unreachable")));

        HistogramPointData task = (HistogramPointData) sdk.point("nexus.worker.poll.duration",
                s("nexus.worker"), "orders", s("nexus.transport"), "temporal", s("nexus.poll.result"), "task");
        assertEquals(1, task.getCount());
        assertEquals(0.25, task.getSum(), 1e-9, "seconds");
        assertEquals(60.0, ((HistogramPointData) sdk.point("nexus.worker.poll.duration",
                s("nexus.poll.result"), "empty")).getSum(), 1e-9);
        assertEquals(1L, ((LongPointData) sdk.point("nexus.worker.poll.errors", s("nexus.worker"), "orders",
                s("error.type"), "java.lang.IllegalStateException")).getValue());
    }

    @Test
    void tasksInFlightAndSlotsAreReadWhileTheWorkerRuns() {
        AtomicInteger inFlight = new AtomicInteger(3);
        TransportObserver.WorkerGauges gauges = new TransportObserver.WorkerGauges() {
            @Override
            public String transport() {
                return "temporal";
            }

            @Override
            public String name() {
                return "orders";
            }

            @Override
            public int tasksInFlight() {
                return inFlight.get();
            }

            @Override
            public int slots() {
                return 8;
            }
        };
        observer.workerStarted(gauges);
        assertEquals(3L, ((LongPointData) sdk.point("nexus.worker.tasks.active", s("nexus.worker"), "orders"))
                .getValue());
        assertEquals(8L, ((LongPointData) sdk.point("nexus.worker.task.slots", s("nexus.worker"), "orders"))
                .getValue());
        inFlight.set(5);
        assertEquals(5L, ((LongPointData) sdk.point("nexus.worker.tasks.active")).getValue());
        observer.workerStopped(gauges);
        assertTrue(sdk.points("nexus.worker.tasks.active").isEmpty(), "a stopped worker is no longer read");
    }

    @Test
    void lateRepliesAreCountedPerOperation() {
        observer.lateReplyDropped(new ObservedCall("temporal", ObservedCall.Kind.START, "greeting", "slow", "r-1",
                null));
        observer.lateReplyDropped(new ObservedCall("temporal", ObservedCall.Kind.START, "greeting", "slow", "r-2",
                null));
        assertEquals(2L, ((LongPointData) sdk.point("nexus.worker.late_replies", s("rpc.method"), "greeting/slow",
                s("nexus.verb"), "start", s("nexus.transport"), "temporal")).getValue());
        assertEquals(0L, sdk.sum("nexus.server.answers", l("http.response.status_code"), 408L));
    }
}
