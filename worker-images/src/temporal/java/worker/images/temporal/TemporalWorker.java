package worker.images.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import temporal.nexus.TemporalNexusWorker;
import worker.images.service.EchoServiceImpl;

/**
 * {@code bin/temporal-worker [--address H:P] [--namespace NS] [--task-queue Q]}: serves the sample service {@code
 * echo} as a Temporal Nexus worker (default {@code localhost:7233}, {@code default}, {@code echo}) until SIGTERM or
 * Ctrl-C. Runs on the class path of the Temporal worker image: Temporal's jars split packages, so they are not
 * linked as modules.
 */
public final class TemporalWorker {
    static final String USAGE = "Usage: temporal-worker [--address HOST:PORT] [--namespace NS] [--task-queue Q]"
            + "  (default localhost:7233 default echo)";

    private TemporalWorker() {}

    /**
     * Serves until the process is stopped; exits 2 on a wrong command line.
     *
     * @param args the options above
     * @throws InterruptedException never in practice: the main thread waits for the shutdown hook
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new TreeMap<>(Map.of("address", "localhost:7233", "namespace", "default",
                "task-queue", "echo"));
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (i + 1 == args.length || !options.containsKey(name)) {
                System.err.println("temporal-worker: unexpected \"" + args[i] + "\"\n" + USAGE);
                System.exit(2);
            }
            options.put(name, args[i + 1]);
        }
        // gRPC connects on the first call: the worker's first poll, which is all a worker needs at start-up
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(options.get("address")).build());
        WorkflowClient client = WorkflowClient.newInstance(stubs,
                WorkflowClientOptions.newBuilder().setNamespace(options.get("namespace")).build());
        TemporalNexusWorker worker = TemporalNexusWorker.builder(client, options.get("task-queue"))
                .handler(EchoServiceImpl.handler()).build();
        worker.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stubs.shutdown();
            System.err.println("temporal-worker: stopped");
            stopped.countDown();
        }, "temporal-worker-shutdown"));
        System.out.println("Serving Nexus service echo from Temporal at " + options.get("address") + ", namespace "
                + options.get("namespace") + ", task queue " + options.get("task-queue"));
        System.out.flush();
        stopped.await();
    }
}
