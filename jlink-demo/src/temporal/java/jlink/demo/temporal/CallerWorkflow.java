package jlink.demo.temporal;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A Temporal workflow that calls one operation of the demo through Temporal's own Nexus support. */
@WorkflowInterface
public interface CallerWorkflow {
    /**
     * Calls {@code service/operation} on {@code endpoint} and describes the outcome.
     *
     * @return {@code "ok: <result JSON>"} or {@code "failure: <message> <- <cause message>..."}
     */
    @WorkflowMethod
    String call(String endpoint, String service, String operation, String inputJson);
}
