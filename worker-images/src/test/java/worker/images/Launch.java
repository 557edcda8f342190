package worker.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One launched worker process: its output goes to files (a pipe read while a process exits can lose its last
 * lines), and its CPU time and resident memory are read from {@code /proc} while it runs (Linux; -1 elsewhere).
 */
final class Launch implements AutoCloseable {
    /** Generous: the tests check behaviour, never speed. */
    static final long PATIENCE_SECONDS = 120;

    final Process process;
    final long startedNanos;
    final Path out;
    final Path err;

    private Launch(Process process, long startedNanos, Path out, Path err) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.out = out;
        this.err = err;
    }

    static Launch start(List<String> command, Map<String, String> env, Path logs, String name) throws IOException {
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        return new Launch(pb.start(), t0, out, err);
    }

    long millisSinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** User + system CPU time of the process so far, in ms. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // the fields after "(comm)": utime is the 12th, stime the 13th, in clock ticks (100 a second on Linux)
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident memory of the process now, in KiB. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** What the process wrote so far, to put in a failure message. */
    String describe() {
        try {
            return "--- stdout:\n" + stdout() + "\n--- stderr:\n" + stderr();
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the process with SIGTERM (its shutdown hook runs) and waits; its exit status, or -1 if it hung. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
