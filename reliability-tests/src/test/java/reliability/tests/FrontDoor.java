package reliability.tests;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import nexusrpc.handler.NexusHandler;
import nexusrpc.http.NexusHttpServer;
import temporal.nexus.WorkflowClientMiddleware;

/**
 * One Nexus front door, as a user scales out: an HTTP server whose workflow-backed operations use a Temporal
 * client; no state of its own. Started in a JVM of its own by {@link ScaleOutTest}:
 * {@code FrontDoor <temporal port> <task queue>}. Prints {@code LISTENING <port>} once it serves, and stops when
 * its standard input closes (or when it is killed, which is the point).
 */
public final class FrontDoor {
    private FrontDoor() {}

    /** Runs a front door until standard input ends. */
    public static void main(String[] args) throws IOException {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + args[0]).build());
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        NexusHandler handler = NexusHandler.builder().service(new ScaleImpl())
                .middleware(WorkflowClientMiddleware.of(client, args[1])).build();
        try (NexusHttpServer server = NexusHttpServer.builder(handler).closeEndpointOnStop(true).build().start()) {
            System.out.println("LISTENING " + server.address().getPort());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // nothing to read: the parent closes the stream to stop this front door
            }
        } finally {
            stubs.shutdownNow();
        }
    }
}
