package nexusrpc.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time of the whole benchmark JVM per operation ({@code cpu.ns/op}),
 * garbage collection and JIT included.
 *
 * <p>On a shared machine a benchmark thread waits for a core whenever a neighbour's build runs; wall-clock
 * throughput then drops though the code did not change. CPU time spent per operation is much less sensitive
 * to that, so ratios computed from it are steadier (cache contention from neighbours still shows).
 */
public final class CpuTimeProfiler implements InternalProfiler {
    /** The name of the secondary result. */
    public static final String RESULT = "cpu.ns/op";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuBefore;

    /** Created by JMH. */
    public CpuTimeProfiler() {}

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
        return List.of(new ScalarResult(RESULT, perOp, "ns/op", AggregationPolicy.AVG));
    }
}
