package jlink.demo.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import jlink.demo.services.DemoServices;
import temporal.nexus.TemporalNexusWorker;

/**
 * {@code nexus-demo temporal ...}: the demo's services served by Temporal instead of HTTP, through {@link
 * TemporalNexusWorker}. Runs on the class path inside the image (Temporal's jars split packages, so they cannot be
 * linked as modules); the SDK and the demo come from the image's modules.
 */
public final class TemporalMain {
    static final String USAGE = String.join("\n",
            "Usage: nexus-demo temporal serve [--address HOST:PORT] [--namespace NS] [--task-queue Q]",
            "         serve greeting and jobs as a Temporal Nexus worker (default localhost:7233, default,",
            "         nexus-demo); create an endpoint routing to the task queue, e.g.",
            "         temporal operator nexus endpoint create --name nexus-demo --target-namespace default"
                    + " --target-task-queue nexus-demo",
            "       nexus-demo temporal tour",
            "         start Temporal's test server in this process and let a workflow call the demo through it",
            "         (synchronous calls: the test server takes completion callbacks only from workflows, so the",
            "         asynchronous jobs/sleep needs a real Temporal server)");

    private TemporalMain() {}

    /**
     * Runs the Temporal mode and exits with its status (0 ok, 1 a tour step misbehaved, 2 usage error, 4 Temporal
     * unreachable).
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) throws Exception {
        String command = args.isEmpty() ? "help" : args.get(0);
        Map<String, String> options;
        try {
            options = options(args.subList(Math.min(1, args.size()), args.size()));
        } catch (IllegalArgumentException e) {
            System.err.println("nexus-demo temporal: " + e.getMessage());
            return 2;
        }
        switch (command) {
            case "serve":
                return serve(options.getOrDefault("address", "localhost:7233"),
                        options.getOrDefault("namespace", "default"), options.getOrDefault("task-queue", "nexus-demo"));
            case "tour":
                if (!options.isEmpty()) {
                    System.err.println("nexus-demo temporal: tour takes no options");
                    return 2;
                }
                return new TemporalTour().run();
            case "help":
            case "--help":
                System.out.println(USAGE);
                return args.isEmpty() ? 2 : 0;
            default:
                System.err.println("nexus-demo temporal: unknown command \"" + command + "\"\n" + USAGE);
                return 2;
        }
    }

    private static int serve(String address, String namespace, String taskQueue) throws InterruptedException {
        String unreachable = unreachable(address);
        if (unreachable != null) {
            System.err.println("nexus-demo: cannot reach Temporal at " + address + ": " + unreachable
                    + "; start one (e.g. temporal server start-dev) or pass --address HOST:PORT");
            return 4;
        }
        WorkflowServiceStubs stubs;
        try {
            // connect now, so a wrong address is reported at once instead of as endless poll retries
            stubs = WorkflowServiceStubs.newConnectedServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(address).build(), Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            System.err.println("nexus-demo: cannot reach Temporal at " + address + ": " + e.getMessage()
                    + "; start one (e.g. temporal server start-dev) or pass --address HOST:PORT");
            return 4;
        }
        WorkflowClient client = WorkflowClient.newInstance(stubs,
                WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
        TemporalNexusWorker worker = TemporalNexusWorker.builder(client, taskQueue)
                .handler(DemoServices.handler()).build();
        worker.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stubs.shutdown();
            System.err.println("nexus-demo: stopped the Temporal Nexus worker");
            stopped.countDown();
        }, "nexus-demo-shutdown"));
        System.out.println("Serving Nexus services greeting, jobs from Temporal at " + address + ", namespace "
                + namespace + ", task queue " + taskQueue + ". Stop with Ctrl-C.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Why {@code address} (HOST:PORT) cannot be reached, found with a plain TCP connection of at most two seconds, or
     * null when it can (or is no HOST:PORT, which gRPC then judges). A refused connection or an unknown host is
     * reported at once this way; gRPC's own connection check would first wait out its ten seconds.
     */
    static String unreachable(String address) {
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(address.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535 || address.contains("/")) {
            return null;
        }
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return null;
        } catch (UnknownHostException e) {
            return "the host name \"" + host + "\" cannot be resolved";
        } catch (ConnectException e) {
            return "connection refused (nothing listens on port " + port + " there)";
        } catch (SocketTimeoutException e) {
            return "no connection within 2 s (is the host up, and does a firewall let the connection through?)";
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static Map<String, String> options(List<String> words) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--") || i + 1 == words.size()
                    || !List.of("--address", "--namespace", "--task-queue").contains(w)) {
                throw new IllegalArgumentException("unexpected \"" + w + "\"\n" + USAGE);
            }
            options.put(w.substring(2), words.get(++i));
        }
        return options;
    }

    /** The embedded tour: Temporal's in-process test server, an endpoint, the Nexus worker and a caller. */
    static final class TemporalTour {
        private static final String ENDPOINT = "nexus-demo-endpoint";
        private static final String TASK_QUEUE = "nexus-demo";
        private int step;

        int run() {
            System.out.println("Temporal tour: starting Temporal's test server in this process, with endpoint "
                    + ENDPOINT + " routing to task queue " + TASK_QUEUE + ", served by the demo's handler.");
            TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                    TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
            try (TemporalNexusWorker nexus = TemporalNexusWorker
                    .builder(env.getWorkflowClient(), TASK_QUEUE).handler(DemoServices.handler())
                    .shutdownTimeout(Duration.ofSeconds(5)).build()) {
                env.createNexusEndpoint(ENDPOINT, TASK_QUEUE);
                Worker worker = env.newWorker(TASK_QUEUE);
                worker.registerWorkflowImplementationTypes(CallerWorkflowImpl.class);
                env.start();
                nexus.start();
                boolean ok = check(env, "greeting", "hello", "{\"name\":\"Ada\"}", "ok: {\"message\":\"Hello, Ada!\"}")
                        & check(env, "greeting", "hello", "{\"name\":\" \"}", "failure: ")
                        & check(env, "greeting", "welcome", "{\"name\":\"Ada\"}", "ok: {\"message\":\"Welcome, Ada!\"}");
                System.out.println();
                System.out.println(ok ? "Temporal tour complete: all " + step + " calls behaved as expected."
                        : "UNEXPECTED: see the calls above.");
                return ok ? 0 : 1;
            } finally {
                env.close();
            }
        }

        private boolean check(TestWorkflowEnvironment env, String service, String operation, String input,
                String expectedStart) {
            step++;
            CallerWorkflow caller = env.getWorkflowClient().newWorkflowStub(CallerWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId("tour-caller-" + step)
                            .setWorkflowExecutionTimeout(Duration.ofMinutes(1)).build());
            String outcome = caller.call(ENDPOINT, service, operation, input);
            System.out.println();
            System.out.println(step + ". a workflow calls " + service + "/" + operation + " " + input);
            System.out.println("   ->  " + outcome);
            return outcome.startsWith(expectedStart);
        }
    }
}
