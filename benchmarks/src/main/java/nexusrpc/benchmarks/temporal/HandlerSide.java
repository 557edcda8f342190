package nexusrpc.benchmarks.temporal;

import io.temporal.testing.TestWorkflowEnvironment;

/** One way of serving the echo operation's Nexus tasks, set up anew for every test environment. */
public interface HandlerSide {
    /** Registers what must exist before the environment starts (Temporal workers). */
    void beforeStart(TestWorkflowEnvironment env, String taskQueue);

    /** Starts what runs beside the started environment. */
    void afterStart(TestWorkflowEnvironment env, String taskQueue);

    /** Whether a thread polls or handles this side's Nexus tasks (its CPU time is the handler-side cost). */
    boolean isHandlerThread(String threadName, String taskQueue);

    /** Stops what {@link #afterStart} started (the environment stops its own workers). */
    void stop();
}
