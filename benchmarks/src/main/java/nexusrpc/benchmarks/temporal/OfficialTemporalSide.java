package nexusrpc.benchmarks.temporal;

import io.temporal.testing.TestWorkflowEnvironment;
import nexusrpc.benchmarks.dispatch.OfficialEchoServiceImpl;

/** Temporal's own worker serving the echo service written with the official SDK. */
public final class OfficialTemporalSide implements HandlerSide {
    /** Creates the side. */
    public OfficialTemporalSide() {}

    @Override
    public void beforeStart(TestWorkflowEnvironment env, String taskQueue) {
        env.newWorker(taskQueue).registerNexusServiceImplementation(new OfficialEchoServiceImpl());
    }

    @Override
    public void afterStart(TestWorkflowEnvironment env, String taskQueue) {}

    @Override
    public boolean isHandlerThread(String threadName, String taskQueue) {
        // Temporal names its Nexus poller and task executor threads after the kind of task and the task queue
        return threadName.contains("Nexus") && threadName.contains(taskQueue);
    }

    @Override
    public void stop() {}
}
