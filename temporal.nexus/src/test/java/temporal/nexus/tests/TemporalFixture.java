package temporal.nexus.tests;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.RespondNexusTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondNexusTaskFailedRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import nexusrpc.handler.NexusHandler;
import temporal.nexus.TemporalNexusWorker;

/**
 * One in-process Temporal test server with: a normal Temporal Worker (caller and backing workflows) and our
 * Nexus worker on the SAME task queue, an endpoint routing to it, and a record of every reply the Nexus worker
 * sent.
 */
final class TemporalFixture implements AutoCloseable {
    final TestWorkflowEnvironment env;
    final WorkflowClient client;
    final String endpoint;
    final String taskQueue;
    final ReplyRecorder replies = new ReplyRecorder();
    final WorkflowClient recordingClient;
    private final WorkflowServiceStubs recordingStubs;
    private final List<TemporalNexusWorker> nexusWorkers = new CopyOnWriteArrayList<>();
    private final List<WorkflowServiceStubs> extraStubs = new CopyOnWriteArrayList<>();

    TemporalFixture(String name) {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false)
                .build());
        client = env.getWorkflowClient();
        taskQueue = name + "-tq";
        endpoint = name + "-endpoint";
        env.createNexusEndpoint(endpoint, taskQueue);
        Worker worker = env.newWorker(taskQueue);
        worker.registerWorkflowImplementationTypes(Callers.CallerWorkflowImpl.class, Callers.WelcomeCallerImpl.class,
                Callers.TypedCallerImpl.class, Workflows.HelloWorkflowImpl.class, Workflows.BlockingWorkflowImpl.class,
                Workflows.CounterWorkflowImpl.class, Workflows.CartWorkflowImpl.class,
                Workflows.WelcomeWorkflowImpl.class, Workflows.PatientHelloWorkflowImpl.class);
        env.start();
        // the Nexus worker talks to the server through stubs that record what it sends
        recordingStubs = stubsWith(replies);
        recordingClient = WorkflowClient.newInstance(recordingStubs, client.getOptions());
    }

    /** New stubs to this fixture's server whose calls pass through {@code interceptor}; the caller shuts them down. */
    WorkflowServiceStubs stubsWith(ClientInterceptor interceptor) {
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions
                .newBuilder(env.getWorkflowServiceStubs().getOptions())
                .setGrpcClientInterceptors(List.of(interceptor)).build());
    }

    /** Starts a Nexus worker for {@code handler} on this fixture's task queue (or another one). */
    TemporalNexusWorker serve(NexusHandler handler, String queue) {
        return serve(TemporalNexusWorker.builder(recordingClient, queue).handler(handler));
    }

    /** Starts the worker a builder (over this fixture's recording client) describes. */
    TemporalNexusWorker serve(TemporalNexusWorker.Builder builder) {
        TemporalNexusWorker w = builder.shutdownTimeout(Duration.ofSeconds(5)).build();
        w.start();
        nexusWorkers.add(w);
        return w;
    }

    /** Serves {@code implementation} alone, on a task queue of its own reached through {@code endpointName}. */
    TemporalNexusWorker serveOnOwnEndpoint(String endpointName, Object implementation) {
        String queue = endpointName + "-tq";
        env.createNexusEndpoint(endpointName, queue);
        return serve(NexusHandler.builder().service(implementation).build(), queue);
    }

    /** A worker builder over the recording client for another task queue. */
    TemporalNexusWorker.Builder builder(String queue) {
        return TemporalNexusWorker.builder(recordingClient, queue);
    }

    /**
     * A builder of a worker serving a new {@link GreetingImpl} to {@code endpointName} (on a task queue of its
     * own), whose calls to the server pass through {@code interceptor}.
     */
    TemporalNexusWorker.Builder builderThrough(ClientInterceptor interceptor, String endpointName) {
        String queue = endpointName + "-tq";
        env.createNexusEndpoint(endpointName, queue);
        WorkflowServiceStubs stubs = stubsWith(interceptor);
        extraStubs.add(stubs);
        return TemporalNexusWorker.builder(WorkflowClient.newInstance(stubs, client.getOptions()), queue)
                .handler(NexusHandler.builder().service(new GreetingImpl()).build());
    }

    /** Runs a caller workflow to its end. */
    <T> T caller(Class<T> type) {
        return client.newWorkflowStub(type, WorkflowOptions.newBuilder().setTaskQueue(taskQueue)
                .setWorkflowId("caller-" + UUID.randomUUID()).setWorkflowExecutionTimeout(Duration.ofMinutes(2))
                .build());
    }

    String call(Callers.Call call) {
        return caller(Callers.CallerWorkflow.class).call(call);
    }

    @Override
    public void close() {
        for (TemporalNexusWorker w : nexusWorkers) {
            w.close();
        }
        recordingStubs.shutdownNow();
        extraStubs.forEach(WorkflowServiceStubs::shutdownNow);
        env.close();
    }

    /** Records the respond requests the Nexus worker sends. */
    static final class ReplyRecorder implements ClientInterceptor {
        final List<Message> sent = new CopyOnWriteArrayList<>();

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void sendMessage(Q message) {
                    if (message instanceof RespondNexusTaskCompletedRequest
                            || message instanceof RespondNexusTaskFailedRequest) {
                        sent.add((Message) message);
                    }
                    super.sendMessage(message);
                }
            };
        }

        /** Whether any reply sent contains {@code text} (in a payload or message). */
        boolean anyReplyContains(String text) {
            return sent.stream().anyMatch(m -> m.toString().contains(text)
                    || m.toByteString().toStringUtf8().contains(text));
        }
    }
}
