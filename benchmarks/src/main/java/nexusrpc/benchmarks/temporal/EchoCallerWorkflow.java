package nexusrpc.benchmarks.temporal;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A caller workflow that makes sequential sync Nexus calls of the echo operation. */
@WorkflowInterface
public interface EchoCallerWorkflow {
    /**
     * Calls echo {@code calls} times through {@code endpoint} and checks every answer.
     *
     * @return how many calls answered the message they were sent
     */
    @WorkflowMethod
    int run(String endpoint, int calls, String message);
}
