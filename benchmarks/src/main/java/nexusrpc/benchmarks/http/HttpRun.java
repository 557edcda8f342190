package nexusrpc.benchmarks.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nexusrpc.benchmarks.ResultsTable;
import nexusrpc.benchmarks.dispatch.Payloads;

/**
 * Part 2: drives the bare JDK handler and our server in turn, each in a fresh server JVM, and prints ratios
 * against the bare handler of the same round.
 *
 * <p>System properties: {@code bench.rounds} (default 2), {@code bench.http.warmup} and {@code
 * bench.http.measure} (seconds, defaults 8 and 10), {@code bench.http.variants} (default {@code bare,ours};
 * {@code ours-jdkpool} serves ours on the JDK's plain fixed pool), {@code bench.http.connections} (64), {@code
 * bench.http.threads} (server threads of every variant, default 4), {@code bench.http.payload} (bytes, 16),
 * {@code bench.http.requestTimeout} (a Nexus {@code Request-Timeout} header value such as {@code 10s} sent with
 * every request, as Temporal does; none by default),
 * {@code bench.http.serverJvmArgs} (extra options of the server JVMs, e.g. a JFR recording; {@code {variant}} is
 * replaced by the variant's name), {@code bench.results}.
 */
public final class HttpRun {
    /** The variants ({@code bench.http.variants}); bare, the baseline of the ratios, must be one. */
    private static final String[] VARIANTS = System.getProperty("bench.http.variants", "bare,ours").split(",");

    private HttpRun() {}

    /** What one server run measured. */
    /** One round of one variant; {@code jitMillis}: how long the server's JIT compilers worked while measured. */
    private record Sample(LoadDriver.Result load, long serverCpuNanos, long jitMillis) {
        double serverCpuMicrosPerRequest() {
            return serverCpuNanos / 1e3 / load.requests();
        }
    }

    /** Runs the rounds and prints the table. */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 2);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.http.warmup", 8));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.http.measure", 10));
        int connections = Integer.getInteger("bench.http.connections", 64);
        int threads = Integer.getInteger("bench.http.threads", 4);
        int payload = Integer.getInteger("bench.http.payload", 16);
        Path results = Path.of(System.getProperty("bench.results", "target/results"));
        byte[] body = Payloads.echoJson(payload);

        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < VARIANTS.length; i++) {
                String variant = VARIANTS[(i + round) % VARIANTS.length];
                Sample s = runOne(variant, threads, body, connections, warmup, measure);
                LoadDriver.Result r = s.load();
                System.out.printf("round %d/%d  %-5s %,9.0f req/s  p50 %,7.0f µs  p99 %,7.0f µs  server CPU %5.1f µs/req"
                                + "  driver CPU %3.0f%%  warm-up %.0f s  JIT while measured %d ms  errors %d%s%n", round + 1, rounds,
                        variant, r.throughput(),
                        r.p50Micros(), r.p99Micros(), s.serverCpuMicrosPerRequest(),
                        100.0 * r.driverCpuNanos() / (r.seconds() * 1e9), r.warmupSeconds(), s.jitMillis(), r.errors(),
                        r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
                samples.computeIfAbsent(variant, v -> new ArrayList<>()).add(s);
            }
        }
        table(samples, rounds, connections, threads, payload, warmup, measure).printAndSave(results, "2-http.md");
    }

    private static Sample runOne(String variant, int threads, byte[] body, int connections, Duration warmup,
            Duration measure) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.httpserver.nodelay=true", "-Xms256m", "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        String extra = System.getProperty("bench.http.serverJvmArgs", "").replace("{variant}", variant);
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                HttpEchoServer.class.getName(), variant, Integer.toString(threads)));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader from = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter to = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String ready = from.readLine();
            while (ready != null && !ready.startsWith("READY ")) {
                System.out.println(variant + " server: " + ready); // e.g. a JFR start message
                ready = from.readLine();
            }
            if (ready == null) {
                throw new IllegalStateException("the " + variant + " server did not start: " + ready);
            }
            String[] parts = ready.split(" ");
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(parts[1]));
            String timeout = System.getProperty("bench.http.requestTimeout", "");
            String[] headers = timeout.isEmpty() ? new String[0] : new String[] {"Request-Timeout: " + timeout};
            LoadDriver driver = new LoadDriver(target, LoadDriver.jsonPost(target, parts[2], body, headers), body,
                    connections);
            long[] cpu = new long[2];
            long[] jit = {ask(from, to, "jit", "JIT ")};
            int[] quietSteps = {0};
            LoadDriver.Result result = driver.run(warmup, measure, new LoadDriver.Phases() {
                @Override
                public boolean warmedUp() {
                    // settled: the JIT compilers worked less than 2% of each of the last two steps (C2's large
                    // compilations come in bursts, so one quiet step alone says little)
                    long now = ask(from, to, "jit", "JIT ");
                    quietSteps[0] = now - jit[0] < LoadDriver.STEP.toMillis() / 50 ? quietSteps[0] + 1 : 0;
                    jit[0] = now;
                    return quietSteps[0] >= 2;
                }

                @Override
                public void measurementStarts() {
                    jit[0] = ask(from, to, "jit", "JIT ");
                    cpu[0] = serverCpu(from, to);
                }

                @Override
                public void measurementEnds() {
                    cpu[1] = serverCpu(from, to);
                    jit[0] = ask(from, to, "jit", "JIT ") - jit[0];
                }
            });
            to.println("stop");
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            return new Sample(result, cpu[1] - cpu[0], jit[0]);
        } finally {
            server.destroyForcibly();
        }
    }

    private static long serverCpu(BufferedReader from, PrintWriter to) {
        return ask(from, to, "cpu", "CPU ");
    }

    private static long ask(BufferedReader from, PrintWriter to, String command, String answer) {
        to.println(command);
        try {
            String line = from.readLine();
            if (line == null || !line.startsWith(answer)) {
                throw new IllegalStateException("unexpected answer from the server to " + command + ": " + line);
            }
            return Long.parseLong(line.substring(answer.length()).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResultsTable table(Map<String, List<Sample>> samples, int rounds, int connections, int threads,
            int payload, Duration warmup, Duration measure) {
        ResultsTable t = new ResultsTable("2. HTTP sync echo on loopback, " + connections + " keep-alive connections, "
                + payload + " B body", "variant", "req/s", "× bare", "p50 µs", "p99 µs", "p99 × bare",
                "server CPU µs/req", "× bare (CPU)", "errors", "target");
        List<Sample> bare = samples.get("bare");
        for (String variant : VARIANTS) {
            List<Sample> own = samples.get(variant);
            double tputRatio = ResultsTable.medianRatio(own, bare, s -> s.load().throughput());
            double p99Ratio = ResultsTable.medianRatio(own, bare, s -> s.load().p99Micros());
            long errors = own.stream().mapToLong(s -> s.load().errors()).sum();
            t.row(variant, ResultsTable.count(ResultsTable.median(own, s -> s.load().throughput())),
                    ResultsTable.ratio(tputRatio),
                    ResultsTable.count(ResultsTable.median(own, s -> s.load().p50Micros())),
                    ResultsTable.count(ResultsTable.median(own, s -> s.load().p99Micros())),
                    ResultsTable.ratio(p99Ratio),
                    String.format("%.1f", ResultsTable.median(own, Sample::serverCpuMicrosPerRequest)),
                    ResultsTable.ratio(ResultsTable.medianRatio(bare, own, Sample::serverCpuMicrosPerRequest)),
                    Long.toString(errors),
                    variant.equals("ours") ? ResultsTable.verdict(tputRatio >= 0.8 && p99Ratio <= 1.5 && errors == 0,
                            "≥ 0.80× req/s, p99 ≤ 1.5× bare, no errors") : "");
        }
        t.note("Each of " + rounds + " rounds starts a fresh server JVM per variant (order rotated; " + threads
                + " server threads each, -Dsun.net.httpserver.nodelay=true), warms up at least " + warmup.toSeconds()
                + " s and then until the server's JIT compilers have settled (under 2% of each of two 2 s"
                + " steps; at most " + 4 * warmup.toSeconds() + " s; the per-round lines give each warm-up), and"
                + " measures " + measure.toSeconds() + " s; ratios are medians of per-round ratios. The load"
                + " driver (one NIO thread, closed loop) shares the 2 cores with the server, as a client on the"
                + " same host would. Server CPU = the server JVM's CPU time (JIT compiler threads left out, as in"
                + " part 1) / responses; × bare (CPU) = bare's / the"
                + " variant's (higher is better).");
        return t;
    }
}
