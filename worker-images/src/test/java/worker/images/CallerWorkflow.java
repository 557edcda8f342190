package worker.images;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A workflow that calls {@code echo/echo} on a Nexus endpoint through Temporal: the first task of a worker. */
@WorkflowInterface
public interface CallerWorkflow {
    /**
     * Calls {@code echo/echo} with {@code text} through {@code endpoint}.
     *
     * @return the text echoed
     */
    @WorkflowMethod
    String call(String endpoint, String text);
}
