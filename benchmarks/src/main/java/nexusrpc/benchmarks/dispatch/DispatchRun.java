package nexusrpc.benchmarks.dispatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nexusrpc.benchmarks.CpuTimeProfiler;
import nexusrpc.benchmarks.ResultsTable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link DispatchBenchmark} in rounds and prints ratios against the limit.
 *
 * <p>The machine is shared, so load changes from one minute to the next: each round runs every variant once
 * (one fork each, the order rotated every round), the ratio of a variant is computed against the limit of the
 * same round, and the table shows the median ratio over the rounds with its range. Allocation per operation
 * comes from JMH's GC profiler and does not depend on load.
 *
 * <p>System properties: {@code bench.rounds} (default 3), {@code bench.warmup} and {@code bench.measure}
 * (iterations of one second, defaults 4 and 5), {@code bench.payloads} (default {@code 16,65536}), {@code
 * bench.results} (directory of the saved table).
 */
public final class DispatchRun {
    /** The variants to run ({@code bench.variants}, default all); the limit always runs, ratios need it. */
    private static final String[] VARIANTS = System.getProperty("bench.variants",
            "limit,ours,oursDeadline,official,oursTracedNoop,oursTracedPropagating,oursTracedSdk").split(",");
    /** Variants measured at the small payload only (their extra cost does not grow with the body). */
    private static final java.util.Set<String> SMALL_ONLY = java.util.Set.of("oursDeadline", "oursTracedNoop",
            "oursTracedPropagating", "oursTracedSdk");
    private static final int[] PAYLOADS = payloads();

    private DispatchRun() {}

    private static int[] payloads() {
        return java.util.Arrays.stream(System.getProperty("bench.payloads", "16,65536").split(","))
                .mapToInt(Integer::parseInt).toArray();
    }

    /** Runs the rounds and prints the table. */
    public static void main(String[] args) throws RunnerException {
        int rounds = Integer.getInteger("bench.rounds", 3);
        int warmup = Integer.getInteger("bench.warmup", 4);
        int measure = Integer.getInteger("bench.measure", 5);
        Path results = Path.of(System.getProperty("bench.results", "target/results"));

        // payload -> variant -> one sample per round
        Map<Integer, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int payload : PAYLOADS) {
                for (int i = 0; i < VARIANTS.length; i++) {
                    String variant = VARIANTS[(i + round) % VARIANTS.length];
                    if (payload != PAYLOADS[0] && SMALL_ONLY.contains(variant)) {
                        continue;
                    }
                    RunResult r = runOne(variant, payload, warmup, measure);
                    Sample sample = new Sample(r.getPrimaryResult().getScore(), leastCpuPerOp(r),
                            secondary(r, "gc.alloc.rate.norm"));
                    System.out.printf("round %d/%d  %-8s %6d B  %,12.0f ops/s  %,8.0f CPU ns/op  %,10.0f B/op%n",
                            round + 1, rounds, variant, payload, sample.opsPerSecond(), sample.cpuNanosPerOp(),
                            sample.bytesPerOp());
                    samples.computeIfAbsent(payload, p -> new LinkedHashMap<>())
                            .computeIfAbsent(variant, v -> new ArrayList<>())
                            .add(sample);
                }
            }
        }
        table(samples, rounds).printAndSave(results, "1-dispatch.md");
    }

    /** What one fork of one variant measured. */
    private record Sample(double opsPerSecond, double cpuNanosPerOp, double bytesPerOp) {}

    private static RunResult runOne(String variant, int payload, int warmup, int measure)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(DispatchBenchmark.class.getName() + "\\." + variant + "$")
                .param("payload", Integer.toString(payload))
                .forks(1)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(measure)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .addProfiler(CpuTimeProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        return new Runner(options.build()).runSingle();
    }

    /**
     * The least CPU time per operation over the measured iterations. Neighbours on a shared machine can only make
     * an iteration slower (contended caches and memory bus), never faster, so the least is the closest to what
     * the code itself costs; the mean would mostly measure the neighbours.
     */
    private static double leastCpuPerOp(RunResult r) {
        double least = Double.NaN;
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                Result cpu = i.getSecondaryResults().get(CpuTimeProfiler.RESULT);
                if (cpu != null && !(cpu.getScore() >= least)) {
                    least = cpu.getScore();
                }
            }
        }
        return least;
    }

    private static double secondary(RunResult r, String suffix) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private static ResultsTable table(Map<Integer, Map<String, List<Sample>>> samples, int rounds) {
        ResultsTable t = new ResultsTable("1. In-process dispatch, sync echo, JSON in/out (JMH)",
                "payload", "variant", "ops/s", "× limit (wall)", "CPU ns/op", "× limit (CPU)", "B/op",
                "B/op − limit", "target (on × limit CPU)");
        for (int payload : PAYLOADS) {
            List<Sample> limit = samples.get(payload).get("limit");
            double limitBytes = ResultsTable.median(limit, Sample::bytesPerOp);
            for (String variant : VARIANTS) {
                List<Sample> own = samples.get(payload).get(variant);
                if (own == null) {
                    continue;
                }
                List<Double> wall = ResultsTable.ratios(own, limit, Sample::opsPerSecond);
                List<Double> cpu = ResultsTable.ratios(limit, own, Sample::cpuNanosPerOp);
                double bytes = ResultsTable.median(own, Sample::bytesPerOp);
                double extra = bytes - limitBytes;
                double cpuRatio = ResultsTable.median(cpu);
                t.row(payload == 16 ? "16 B" : payload / 1024 + " KiB", label(variant),
                        ResultsTable.count(ResultsTable.median(own, Sample::opsPerSecond)), withRange(wall),
                        ResultsTable.count(ResultsTable.median(own, Sample::cpuNanosPerOp)), withRange(cpu),
                        ResultsTable.count(bytes), variant.equals("limit") ? "—" : String.format("%+,.0f", extra),
                        target(variant, payload, cpuRatio, extra, own, samples.get(payload).get("ours")));
            }
        }
        t.note("Limit = Jackson ObjectReader → direct call → ObjectWriter, created once. Each of " + rounds
                + " rounds runs every variant in its own fork (order rotated); a ratio is taken against the limit of"
                + " the same round and the table shows the median (range). CPU ns/op = the least, over the measured"
                + " iterations, of the whole JVM's CPU time per operation (GC included, JIT compiler threads left"
                + " out); × limit (CPU) = the limit's / the variant's. Other jobs on the machine can only add to it,"
                + " so it is far steadier than wall-clock throughput, and targets are checked on it. \"ours, with a"
                + " deadline\" sends a deadline 10 s ahead (as HTTP Request-Timeout and Temporal tasks do): our"
                + " dispatcher then cancels the call if the deadline passes; the official SDK only carries it.");
        return t;
    }

    private static String label(String variant) {
        switch (variant) {
            case "oursDeadline":
                return "ours, with a deadline";
            case "oursTracedNoop":
                return "ours + tracing, no-op API";
            case "oursTracedPropagating":
                return "ours + tracing, W3C propagation, no SDK";
            case "oursTracedSdk":
                return "ours + tracing, SDK, no-op exporters";
            default:
                return variant;
        }
    }

    private static String withRange(List<Double> ratios) {
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return ratios.size() == 1 ? ResultsTable.ratio(ratios.get(0))
                : String.format("%s (%.2f–%.2f)", ResultsTable.ratio(ResultsTable.median(ratios)), min, max);
    }

    private static String target(String variant, int payload, double ratio, double extraBytes, List<Sample> own,
            List<Sample> ours) {
        if (variant.startsWith("oursTraced") && ours != null) {
            // the cost of tracing is told against ours without middleware, round by round: CPU time, not × limit
            List<Double> time = ResultsTable.ratios(own, ours, Sample::cpuNanosPerOp);
            double t = ResultsTable.median(time);
            String vsOurs = String.format("%.2f× ours' CPU time", t);
            return variant.equals("oursTracedNoop") ? ResultsTable.verdict(t <= 1.05, vsOurs + " (≤ 1.05×)") : vsOurs;
        }
        if (!variant.equals("ours")) {
            return "";
        }
        if (payload == 16) {
            return ResultsTable.verdict(ratio >= 0.8 && extraBytes <= 512, "≥ 0.80× and ≤ limit + 512 B/op");
        }
        // an extra copy of the body would add at least the body's 64 KiB per operation
        return ResultsTable.verdict(ratio >= 0.95 && extraBytes < payload, "≥ 0.95× and no extra body copy");
    }
}
