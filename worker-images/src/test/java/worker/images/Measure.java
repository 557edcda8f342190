package worker.images;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The worker images' start-up harness, run by {@code worker-images/measure.sh} and by the build's class-data
 * sharing training runs:
 *
 * <pre>
 * java -cp test-classes:... worker.images.Measure http|temporal [--runs N] [--warmup N] [--logs DIR] \
 *      -- LABEL COMMAND... [-- LABEL COMMAND...]
 * </pre>
 *
 * <p>{@code http} launches each command with {@code --port 0} and times it to its first {@code echo/echo} answer;
 * {@code temporal} starts Temporal's test server in this JVM and times each command (given {@code --address} and
 * {@code --task-queue}) to its first Nexus task served. Variants take turns run by run, so load from other
 * processes falls on all of them alike. Prints one line per variant: label, then the medians of wall ms, CPU ms and
 * RSS KiB, tab-separated. Exits 1 if a launch did not serve its call.
 */
public final class Measure {
    private Measure() {}

    /**
     * Runs the measurement described above.
     *
     * @param args the mode, options and variants
     * @throws Exception if a launch failed
     */
    public static void main(String[] args) throws Exception {
        // exits explicitly: the test server's threads would keep the JVM up after main, even after a failure
        int status = 1;
        try {
            status = run(args);
        } finally {
            System.exit(status);
        }
    }

    private static int run(String[] args) throws Exception {
        if (args.length < 3 || !(args[0].equals("http") || args[0].equals("temporal"))) {
            System.err.println("Usage: Measure http|temporal [--runs N] [--warmup N] [--logs DIR] -- LABEL COMMAND...");
            return 2;
        }
        boolean http = args[0].equals("http");
        int runs = 5;
        int warmup = 0;
        Path logs = Path.of("target", "measure-logs");
        int i = 1;
        for (; i < args.length && !args[i].equals("--"); i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--logs" -> logs = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<List<String>> variants = new ArrayList<>();
        for (String word : Arrays.asList(args).subList(i, args.length)) {
            if (word.equals("--")) {
                variants.add(new ArrayList<>());
            } else {
                variants.get(variants.size() - 1).add(word);
            }
        }
        List<List<Timing>> timings = new ArrayList<>();
        variants.forEach(v -> timings.add(new ArrayList<>()));
        try (TemporalFirstTask temporal = http ? null : new TemporalFirstTask()) {
            for (int run = 0; run < warmup + runs; run++) {
                for (int v = 0; v < variants.size(); v++) {
                    List<String> command = variants.get(v).subList(1, variants.get(v).size());
                    String name = "v" + v + "-run" + run;
                    Timing t = http ? HttpFirstResponse.measure(command, Map.of(), logs, name).timing()
                            : temporal.measure(command, Map.of(), logs, name).timing();
                    if (run >= warmup) {
                        timings.get(v).add(t);
                    }
                }
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            List<Timing> ts = timings.get(v);
            System.out.println(variants.get(v).get(0) + "\t" + median(ts, Timing::wallMillis) + "\t"
                    + median(ts, Timing::cpuMillis) + "\t" + median(ts, Timing::rssKib));
        }
        return 0;
    }

    private static long median(List<Timing> ts, ToLongFunction<Timing> f) {
        long[] values = ts.stream().mapToLong(f).sorted().toArray();
        int n = values.length;
        return n == 0 ? -1 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
