package reliability.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.http.NexusHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scale-out as users do it: two Nexus front doors ({@link FrontDoor}: a {@code NexusHttpServer} whose
 * {@code @WorkflowRunOperation}s use a Temporal client), each in a JVM of its own, in front of one Temporal server
 * (the SDK's test server, bound to a port); the workflows run on a Temporal worker in this JVM. An operation started
 * through one front door is followed and canceled through the other, and survives the first being killed while it
 * runs: the durable state is in Temporal, the token names the workflow.
 */
class ScaleOutTest {
    /**
     * Runs what blocks while the test goes on. Not the common pool (CompletableFuture's default): with 2 CPUs it has
     * one thread, and from JDK 25 no thread-per-task fallback, so two blocking tasks would run one after the other.
     */
    private static final java.util.concurrent.ExecutorService ASYNC =
            java.util.concurrent.Executors.newCachedThreadPool(task -> {
                Thread t = new Thread(task, "test-async");
                t.setDaemon(true);
                return t;
            });

    private static final String TASK_QUEUE = "scale-out";

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anOperationStartedThroughOneFrontDoorIsFollowedAndCanceledThroughTheOtherAfterTheFirstIsKilled()
            throws Exception {
        long t0 = System.nanoTime();
        int temporalPort = freePort();
        TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(temporalPort);
        try {
            WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget("127.0.0.1:" + temporalPort).build());
            WorkerFactory workers = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
            Worker worker = workers.newWorker(TASK_QUEUE);
            worker.registerWorkflowImplementationTypes(ScaleWorkflows.HelloImpl.class, ScaleWorkflows.HoldImpl.class);
            workers.start();
            // both JVMs start at once: each takes a few seconds (JIT, Temporal's client)
            CompletableFuture<FrontDoorProcess> startingA = CompletableFuture.supplyAsync(
                    () -> FrontDoorProcess.start("A", temporalPort), ASYNC);
            CompletableFuture<FrontDoorProcess> startingB = CompletableFuture.supplyAsync(
                    () -> FrontDoorProcess.start("B", temporalPort), ASYNC);
            try (FrontDoorProcess a = startingA.get(60, TimeUnit.SECONDS);
                    FrontDoorProcess b = startingB.get(60, TimeUnit.SECONDS)) {
                long started = System.nanoTime();
                ServiceClient<Scale> viaA = NexusHttpClient.create(a.uri).client(Scale.class);
                ServiceClient<Scale> viaB = NexusHttpClient.create(b.uri).client(Scale.class);
                String name = UUID.randomUUID().toString().substring(0, 8);

                OperationHandle<String> hello = viaA.start(Scale::hello, name).handle();
                OperationHandle<String> hold = viaA.start(Scale::hold, name).handle();
                OperationHandle<String> helloViaB = viaB.handle(Scale::hello, hello.token());
                assertEquals(OperationState.RUNNING, helloViaB.info().state(), "B sees what A started");

                a.kill(); // mid-operation: the hello workflow is sleeping
                assertTrue(!a.answers(), "front door A is gone");

                assertEquals("hello " + name, helloViaB.result(Duration.ofSeconds(30)),
                        "the operation A started completes, fetched through B");
                assertEquals(OperationState.SUCCEEDED, helloViaB.info().state());

                OperationHandle<String> holdViaB = viaB.handle(Scale::hold, hold.token());
                assertEquals(OperationState.RUNNING, holdViaB.info().state());
                holdViaB.cancel();
                OperationException canceled = assertThrows(OperationException.class,
                        () -> holdViaB.result(Duration.ofSeconds(30)));
                assertEquals(OperationState.CANCELED, canceled.state());
                assertEquals(OperationState.CANCELED, holdViaB.info().state());
                System.out.printf("scale-out: two front doors up in %d ms, the scenario took %d ms, %d ms in all%n",
                        (started - t0) / 1_000_000, (System.nanoTime() - started) / 1_000_000,
                        (System.nanoTime() - t0) / 1_000_000);
            } finally {
                startingA.thenAccept(FrontDoorProcess::close);
                startingB.thenAccept(FrontDoorProcess::close);
                workers.shutdownNow();
                stubs.shutdownNow();
            }
        } finally {
            temporal.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A {@link FrontDoor} in a JVM of its own, on this test's class path; its log goes to target/. */
    private static final class FrontDoorProcess implements AutoCloseable {
        final Process process;
        final URI uri;
        final int port;

        private FrontDoorProcess(Process process, int port) {
            this.process = process;
            this.port = port;
            this.uri = URI.create("http://127.0.0.1:" + port + "/");
        }

        static FrontDoorProcess start(String name, int temporalPort) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Dsun.net.httpserver.nodelay=true",
                    "-cp", System.getProperty("java.class.path"), FrontDoor.class.getName(),
                    String.valueOf(temporalPort), TASK_QUEUE)
                    .redirectError(new File("target", "front-door-" + name + ".log"));
            try {
                Process p = pb.start();
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("LISTENING ")) {
                        return new FrontDoorProcess(p, Integer.parseInt(line.substring("LISTENING ".length())));
                    }
                }
                p.destroyForcibly();
                throw new IllegalStateException("front door " + name + " ended before it served; see "
                        + "target/front-door-" + name + ".log");
            } catch (IOException e) {
                throw new IllegalStateException("front door " + name + " did not start", e);
            }
        }

        /** Kills the JVM at once, as a crash or an OOM killer would (SIGKILL: no shutdown hooks, no drain). */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        boolean answers() {
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close(); // FrontDoor stops when its input ends
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }
}
