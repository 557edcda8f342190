package nexusrpc.benchmarks.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nexusrpc.benchmarks.ResultsTable;

/**
 * Part 3: Nexus sync echo calls through Temporal's in-process test server, our worker against Temporal's.
 *
 * <p>The test server slows down the longer one environment lives (it scans a growing list under a global
 * lock), so every batch gets a fresh {@link TestWorkflowEnvironment}: {@code callers} caller workflows each make
 * {@code calls} sequential sync calls (about a thousand operations). Warm-up batches come first, then measured
 * batches alternate the variants. Two figures per batch: end-to-end operations per second (the test server is
 * the ceiling) and the handler side's CPU per operation, the thread CPU time of the threads that poll and
 * handle Nexus tasks, which is what a handler implementation controls.
 *
 * <p>System properties: {@code bench.temporal.callers} (20), {@code bench.temporal.calls} (50), {@code
 * bench.temporal.warmup} (warm-up batches per variant, 2), {@code bench.temporal.batches} (measured batches
 * per variant, 5), {@code bench.temporal.threads} (true: print the busiest threads of each batch), {@code
 * bench.results}.
 */
public final class TemporalRun {
    private static final String OURS_CLASS = "nexusrpc.benchmarks.temporal.OursTemporalSide";
    private static final String CALLER_QUEUE = "echo-caller-tq";
    private static final String HANDLER_QUEUE = "echo-handler-tq";
    private static final String ENDPOINT = "echo-endpoint";

    private TemporalRun() {}

    /** What one batch measured. */
    private record Batch(int ops, double seconds, long handlerCpuNanos, long processCpuNanos) {
        double opsPerSecond() {
            return ops / seconds;
        }

        double handlerMicrosPerOp() {
            return handlerCpuNanos / 1e3 / ops;
        }

        double processMicrosPerOp() {
            return processCpuNanos / 1e3 / ops;
        }
    }

    /** Runs the batches and prints the table. */
    public static void main(String[] args) throws Exception {
        int callers = Integer.getInteger("bench.temporal.callers", 20);
        int calls = Integer.getInteger("bench.temporal.calls", 50);
        int warmup = Integer.getInteger("bench.temporal.warmup", 2);
        int batches = Integer.getInteger("bench.temporal.batches", 5);
        boolean showThreads = Boolean.getBoolean("bench.temporal.threads");
        Path results = Path.of(System.getProperty("bench.results", "target/results"));

        Map<String, Supplier<HandlerSide>> variants = new LinkedHashMap<>();
        variants.put("temporal", OfficialTemporalSide::new);
        Supplier<HandlerSide> ours = oursIfBuilt();
        if (ours != null) {
            variants.put("ours", ours);
        }
        Map<String, List<Batch>> measured = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(variants.keySet());
        int total = (warmup + batches) * names.size();
        for (int i = 0; i < total; i++) {
            String variant = names.get(i % names.size());
            boolean warming = i < warmup * names.size();
            Batch b = runBatch(variants.get(variant).get(), callers, calls, showThreads);
            System.out.printf("%s batch %2d/%d  %-8s %,6.0f ops/s  handler CPU %6.1f µs/op  process CPU %6.1f µs/op%n",
                    warming ? "warm-up " : "measured", i + 1, total, variant, b.opsPerSecond(), b.handlerMicrosPerOp(),
                    b.processCpuNanos() / 1e3 / b.ops());
            if (!warming) {
                measured.computeIfAbsent(variant, v -> new ArrayList<>()).add(b);
            }
        }
        table(measured, callers, calls, batches, ours != null).printAndSave(results, "3-temporal.md");
    }

    private static Supplier<HandlerSide> oursIfBuilt() {
        try {
            Class<? extends HandlerSide> type = Class.forName(OURS_CLASS).asSubclass(HandlerSide.class);
            return () -> {
                try {
                    return type.getConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create " + OURS_CLASS, e);
                }
            };
        } catch (ClassNotFoundException e) {
            System.out.println("temporal.nexus is not in this build: only Temporal's own worker is measured");
            return null;
        }
    }

    private static Batch runBatch(HandlerSide side, int callers, int calls, boolean showThreads) {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        try {
            env.createNexusEndpoint(ENDPOINT, HANDLER_QUEUE);
            env.newWorker(CALLER_QUEUE).registerWorkflowImplementationTypes(EchoCallerWorkflowImpl.class);
            side.beforeStart(env, HANDLER_QUEUE);
            env.start();
            side.afterStart(env, HANDLER_QUEUE);
            WorkflowClient client = env.getWorkflowClient();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Map<Long, Long> cpuBefore = threadCpu(mx);
            long processBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            List<WorkflowStub> stubs = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                EchoCallerWorkflow caller = client.newWorkflowStub(EchoCallerWorkflow.class, WorkflowOptions.newBuilder()
                        .setTaskQueue(CALLER_QUEUE).setWorkflowId("caller-" + c)
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(2)).build());
                WorkflowClient.start(caller::run, ENDPOINT, calls, "hi");
                stubs.add(WorkflowStub.fromTyped(caller));
            }
            int ok = 0;
            for (WorkflowStub stub : stubs) {
                ok += stub.getResult(Integer.class);
            }
            long elapsed = System.nanoTime() - start;
            long processCpu = os.getProcessCpuTime() - processBefore;
            long handlerCpu = handlerCpu(mx, cpuBefore, side, showThreads);
            if (ok != callers * calls) {
                throw new IllegalStateException((callers * calls - ok) + " echo calls answered something else");
            }
            return new Batch(ok, elapsed / 1e9, handlerCpu, processCpu);
        } finally {
            side.stop();
            env.close();
        }
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean mx) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            cpu.put(id, mx.getThreadCpuTime(id));
        }
        return cpu;
    }

    private static long handlerCpu(ThreadMXBean mx, Map<Long, Long> before, HandlerSide side, boolean show) {
        long sum = 0;
        List<String> busiest = new ArrayList<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = mx.getThreadCpuTime(info.getThreadId());
            long delta = now - before.getOrDefault(info.getThreadId(), 0L);
            boolean handler = side.isHandlerThread(info.getThreadName(), HANDLER_QUEUE);
            if (handler) {
                sum += delta;
            }
            if (show && delta > 5_000_000) {
                busiest.add(String.format("%8.1f ms %s %s", delta / 1e6, handler ? "H" : " ", info.getThreadName()));
            }
        }
        busiest.sort(java.util.Comparator.reverseOrder());
        busiest.forEach(System.out::println);
        return sum;
    }

    private static ResultsTable table(Map<String, List<Batch>> measured, int callers, int calls, int batches,
            boolean oursBuilt) {
        ResultsTable t = new ResultsTable("3. Temporal: Nexus sync echo through the in-process test server ("
                + callers + " callers × " + calls + " calls per fresh environment)",
                "variant", "ops/s", "× Temporal", "handler CPU µs/op", "× Temporal (CPU)", "whole JVM CPU µs/op",
                "× Temporal (JVM CPU)", "target");
        List<Batch> base = measured.get("temporal");
        for (Map.Entry<String, List<Batch>> e : measured.entrySet()) {
            List<Batch> own = e.getValue();
            double tputRatio = ResultsTable.medianRatio(own, base, Batch::opsPerSecond);
            double cpuRatio = ResultsTable.medianRatio(own, base, Batch::handlerMicrosPerOp);
            t.row(e.getKey(), ResultsTable.count(ResultsTable.median(own, Batch::opsPerSecond)),
                    ResultsTable.ratio(tputRatio),
                    String.format("%.1f", ResultsTable.median(own, Batch::handlerMicrosPerOp)),
                    ResultsTable.ratio(cpuRatio),
                    String.format("%.0f", ResultsTable.median(own, Batch::processMicrosPerOp)),
                    ResultsTable.ratio(ResultsTable.medianRatio(own, base, Batch::processMicrosPerOp)),
                    e.getKey().equals("ours") ? ResultsTable.verdict(tputRatio >= 1.0 && cpuRatio <= 0.5,
                            "≥ 1.0× ops/s and ≤ 0.5× handler CPU") : "");
        }
        if (!oursBuilt) {
            t.row("ours", "not built", "—", "—", "—", "—", "—", "temporal.nexus is not in this build");
        }
        t.note("Median of " + batches + " measured batches per variant, alternating, each on a fresh test"
                + " environment, after warm-up batches; ratios pair batch i of a variant with batch i of Temporal's."
                + " Handler CPU = CPU time of the threads that poll and handle Nexus tasks / operations (lower is"
                + " better, so the CPU ratio's target is ≤ 0.5×); whole JVM CPU adds the test server, the caller"
                + " workflows and every helper thread (timers, gRPC executors). Temporal's worker serves an"
                + " official-SDK service (nexus-sdk 0.5.0-alpha, the version Temporal 1.38.0 is built against).");
        return t;
    }
}
