package worker.images;

import io.temporal.api.nexus.v1.EndpointSpec;
import io.temporal.api.nexus.v1.EndpointTarget;
import io.temporal.api.operatorservice.v1.CreateNexusEndpointRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's test server on a port of this JVM (outside any worker image) with a worker of its own for the caller
 * workflow: launches a Temporal worker command and times it from launch until it has served its first Nexus task.
 * Each launch gets a task queue and an endpoint of its own, so no poll left over from an earlier worker can take
 * its task.
 */
final class TemporalFirstTask implements AutoCloseable {
    private static final String CALLERS = "callers";

    private final TestServer.PortBoundTestServer server;
    private final String address;
    private final WorkflowServiceStubs stubs;
    private final OperatorServiceStubs operator;
    private final WorkflowClient client;
    private final WorkerFactory workers;
    private int launches;

    TemporalFirstTask() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        server = TestServer.createPortBoundServer(port);
        address = "127.0.0.1:" + port;
        stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
        client = WorkflowClient.newInstance(stubs);
        workers = WorkerFactory.newInstance(client);
        workers.newWorker(CALLERS).registerWorkflowImplementationTypes(CallerWorkflowImpl.class);
        workers.start();
    }

    /** The test server's address, {@code 127.0.0.1:PORT}. */
    String address() {
        return address;
    }

    /**
     * Queues a call of {@code echo/echo} on a new endpoint and task queue, launches {@code command --address A
     * --task-queue Q}, waits until the call is answered through the worker, and stops the worker with SIGTERM.
     */
    Result measure(List<String> command, Map<String, String> env, Path logs, String name)
            throws IOException, InterruptedException {
        int n = ++launches;
        String taskQueue = "worker-" + n;
        String endpoint = "endpoint-" + n;
        operator.blockingStub().createNexusEndpoint(CreateNexusEndpointRequest.newBuilder()
                .setSpec(EndpointSpec.newBuilder().setName(endpoint).setTarget(EndpointTarget.newBuilder()
                        .setWorker(EndpointTarget.Worker.newBuilder().setNamespace("default")
                                .setTaskQueue(taskQueue)))).build());
        CallerWorkflow caller = client.newWorkflowStub(CallerWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(CALLERS).setWorkflowId("caller-" + n)
                .setWorkflowExecutionTimeout(Duration.ofSeconds(Launch.PATIENCE_SECONDS)).build());
        String text = "first task " + n;
        // queued before the worker starts: its first poll finds the task waiting
        WorkflowClient.start(caller::call, endpoint, text);
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("--address", address, "--task-queue", taskQueue));
        try (Launch launch = Launch.start(full, env, logs, name)) {
            String echoed;
            try {
                echoed = WorkflowStub.fromTyped(caller).getResult(Launch.PATIENCE_SECONDS, TimeUnit.SECONDS,
                        String.class);
            } catch (Exception e) {
                throw new AssertionError("the worker served no task: " + e + "\n" + launch.describe(), e);
            }
            Timing timing = new Timing(launch.millisSinceStart(), launch.cpuMillis(), launch.rssKib());
            int exit = launch.stop();
            if (!text.equals(echoed)) {
                throw new AssertionError("echoed \"" + echoed + "\", not \"" + text + "\"\n" + launch.describe());
            }
            return new Result(timing, exit, launch.stderr());
        }
    }

    /**
     * What one launch gave.
     *
     * @param timing time, CPU and memory when the first task was answered
     * @param exit the worker's exit status after SIGTERM
     * @param stderr what the worker wrote on stderr
     */
    record Result(Timing timing, int exit, String stderr) {}

    @Override
    public void close() {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        stubs.shutdownNow();
        server.close();
    }
}
