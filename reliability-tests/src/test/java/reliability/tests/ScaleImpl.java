package reliability.tests;

import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import nexusrpc.api.handler.ServiceImpl;
import temporal.nexus.WorkflowRunOperation;
import temporal.nexus.WorkflowStart;

/**
 * Serves {@link Scale} from a stateless front door: an operation is its workflow, and the token names the workflow,
 * so any front door connected to the same Temporal server follows and cancels any operation.
 */
@ServiceImpl(Scale.class)
public final class ScaleImpl {
    @WorkflowRunOperation
    public WorkflowStart<String> hello(String name) {
        return WorkflowStart.ofType(ScaleWorkflows.HELLO, WorkflowOptions.newBuilder().setWorkflowId("hello-" + name)
                .build(), name);
    }

    @WorkflowRunOperation
    public WorkflowStart<String> hold(String id) {
        return WorkflowStart.ofType(ScaleWorkflows.HOLD, WorkflowOptions.newBuilder().setWorkflowId("hold-" + id)
                .build(), id);
    }

    @WorkflowRunOperation
    public WorkflowStart<String> fail(String orderId) {
        return WorkflowStart.ofType(ScaleWorkflows.FAIL, WorkflowOptions.newBuilder().setWorkflowId("fail-" + orderId)
                .build(), orderId);
    }

    @WorkflowRunOperation
    public WorkflowStart<String> expire(String id) {
        return WorkflowStart.ofType(ScaleWorkflows.HOLD, WorkflowOptions.newBuilder().setWorkflowId("expire-" + id)
                .setWorkflowExecutionTimeout(Duration.ofSeconds(1)).build(), id);
    }
}
