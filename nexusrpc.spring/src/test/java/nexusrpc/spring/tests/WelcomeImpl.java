package nexusrpc.spring.tests;

import io.temporal.client.WorkflowOptions;
import nexusrpc.api.handler.ServiceImpl;
import temporal.nexus.WorkflowRunOperation;
import temporal.nexus.WorkflowStart;

/** Starts {@link Workflows.HelloWorkflow}: asynchronous, done when the workflow is. */
@ServiceImpl(Welcome.class)
public class WelcomeImpl {
    @WorkflowRunOperation
    public WorkflowStart<String> hello(String name) {
        // no task queue named: the worker's own under Temporal; over HTTP nexus.temporal.workflow-task-queue, by
        // default the first of nexus.temporal.task-queues
        return WorkflowStart.of(Workflows.HelloWorkflow.class, wf -> wf.run(name),
                WorkflowOptions.newBuilder().setWorkflowId("hello-" + name).build());
    }
}
