package com.example.docs.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.NexusServiceOptions;
import io.temporal.workflow.NexusServiceStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.NexusHandler;
import temporal.nexus.TemporalNexusWorker;
import temporal.nexus.WorkflowClientMiddleware;
import temporal.nexus.WorkflowRunOperation;
import temporal.nexus.WorkflowStart;

/**
 * What docs/temporal.md's fragments take as given, and their imports. The doc's first snippet declares the service
 * and its implementation itself; the later ones use these copies of them.
 */
abstract class TemporalContext {
    @Service(name = "my-service")
    interface MyNexusService {
        @Operation
        EchoOutput echo(EchoInput input);

        @Operation
        HelloOutput hello(HelloInput input);
    }

    record EchoInput(String message) {}

    record EchoOutput(String message) {}

    record HelloInput(String name) {}

    record HelloOutput(String greeting) {}

    @WorkflowInterface
    interface HelloWorkflow {
        @WorkflowMethod
        HelloOutput run(HelloInput input);
    }

    static final class HelloWorkflowImpl implements HelloWorkflow {
        @Override
        public HelloOutput run(HelloInput input) {
            return new HelloOutput("Hello, " + input.name());
        }
    }

    @ServiceImpl(MyNexusService.class)
    static final class MyNexusServiceImpl {
        @SyncOperation
        public EchoOutput echo(EchoInput input) {
            return new EchoOutput(input.message());
        }

        @WorkflowRunOperation
        public WorkflowStart<HelloOutput> hello(OperationContext ctx, HelloInput input) {
            return WorkflowStart.of(HelloWorkflow.class, wf -> wf.run(input),
                    WorkflowOptions.newBuilder().setWorkflowId("hello-" + input.name()).build());
        }
    }

    /** Your Temporal client. */
    WorkflowClient client;
}
