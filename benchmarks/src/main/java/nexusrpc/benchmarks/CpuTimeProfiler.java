package nexusrpc.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * garbage collection included.
 *
 * <p>On a shared machine a benchmark thread waits for a core whenever a neighbour's build runs; wall-clock
 * throughput then drops though the code did not change. CPU time spent per operation is much less sensitive
 * to that, so ratios computed from it are steadier (cache contention from neighbours still shows).
 *
 * <p>The JIT compiler threads are left out where Linux tells their CPU time ({@code /proc/self/task/}): a
 * variant with more code keeps compiling into the first measured iterations, most of all when each operation is
 * slow (64 KiB bodies), and that one-off cost is not what a steady-state ratio should show.
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
        return "process CPU time per operation, JIT compiler threads excluded";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore = os.getProcessCpuTime() - compilerCpuNanos();
    }

    /** CPU time of the JIT compiler threads so far, in nanoseconds; 0 where {@code /proc} cannot tell. */
    public static long compilerCpuNanos() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String stat = Files.readString(task.resolve("schedstat"));
                        sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile, or no schedstat: count nothing for it
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return 0;
        }
        return sum;
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - compilerCpuNanos() - cpuBefore;
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
        return List.of(new ScalarResult(RESULT, perOp, "ns/op", AggregationPolicy.AVG));
    }
}
