package com.example.echo;

import com.example.echo.EchoService.EchoInput;
import com.example.echo.EchoService.EchoOutput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.handler.NexusHandler;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import temporal.nexus.TemporalNexusWorker;
import temporal.nexus.WorkflowRunOperation;
import temporal.nexus.WorkflowStart;

/**
 * What README.md's fragments take as given, and their imports. The quick start's four files are compiled with it (same
 * package), so {@code EchoService} and its records are there too.
 */
abstract class ReadmeContext {
    /** Your Temporal client, as your Temporal workers have it. */
    WorkflowClient workflowClient;

    /** The contract of the Temporal example. */
    @Service(name = "my-service")
    interface MyNexusService {
        @Operation
        HelloOutput hello(HelloInput input);
    }

    record HelloInput(String name) {}

    record HelloOutput(String greeting) {}

    /** The workflow behind the Temporal example's operation. */
    @WorkflowInterface
    interface HelloWorkflow {
        @WorkflowMethod
        HelloOutput run(HelloInput input);
    }
}
