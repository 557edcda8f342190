package nexusrpc.benchmarks.temporal;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import nexusrpc.benchmarks.dispatch.EchoServiceImpl;
import nexusrpc.handler.NexusHandler;
import temporal.nexus.TemporalNexusWorker;

/**
 * Our {@code temporal.nexus} worker serving the echo service. Compiled only when the {@code temporal.nexus}
 * module is in the reactor (Maven profile {@code temporal-nexus}); {@link TemporalRun} finds it by name.
 */
public final class OursTemporalSide implements HandlerSide {
    private final NexusHandler handler = NexusHandler.builder().service(new EchoServiceImpl()).build();
    private TemporalNexusWorker worker;

    /** Creates the side. */
    public OursTemporalSide() {}

    @Override
    public void beforeStart(TestWorkflowEnvironment env, String taskQueue) {}

    @Override
    public void afterStart(TestWorkflowEnvironment env, String taskQueue) {
        worker = TemporalNexusWorker.builder(env.getWorkflowClient(), taskQueue).handler(handler)
                .shutdownTimeout(Duration.ofSeconds(5)).build();
        worker.start();
    }

    @Override
    public boolean isHandlerThread(String threadName, String taskQueue) {
        return threadName.startsWith("temporal-nexus-worker[" + taskQueue + "]");
    }

    @Override
    public void stop() {
        if (worker != null) {
            worker.close();
        }
    }
}
