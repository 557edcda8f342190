package nexusrpc.benchmarks.temporal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import nexusrpc.benchmarks.ResultsTable;

/**
 * Where the handler side of part 3 spends its CPU, stage by stage, from a JFR recording of {@link TemporalRun}:
 * {@code StageProfile <recording.jfr> <results dir>}. Each CPU sample taken on a handler thread (ours: {@code
 * temporal-nexus-worker[...]}; Temporal's: its {@code Nexus Poller}/{@code Nexus Executor} threads) is put in the
 * first stage whose frames it contains, in this order: replying (the {@code RespondNexusTask...} gRPC call),
 * polling (the {@code PollNexusTaskQueue} call, protobuf decoding of the task included), payload conversion
 * (Temporal's data converter and Jackson), dispatch (our engine and the sync handler; the official SDK's
 * handler), task handling (the rest of our {@code TaskProcessor}/worker; Temporal's Nexus task handler), other.
 *
 * <p>Samples are a share of the thread's CPU, not a time: multiplied by the handler CPU per operation that part 3
 * measures, they give each stage's CPU per operation. Record with {@code
 * -XX:FlightRecorderOptions:stackdepth=256}, or gRPC's deep stacks are cut before the frames that name a stage.
 */
public final class StageProfile {
    private static final String[] STAGES = {"reply (gRPC RespondNexusTask*)", "poll (gRPC PollNexusTaskQueue, task"
            + " decoding)", "payload conversion (DataConverter, Jackson)", "dispatch (engine or official handler)",
            "task handling (worker, TaskProcessor)", "other"};

    private StageProfile() {}

    /** Prints and saves the table. */
    public static void main(String[] args) throws IOException {
        Path recording = Path.of(args[0]);
        Path results = Path.of(args.length > 1 ? args[1] : "target/results");
        Map<String, long[]> counts = new LinkedHashMap<>();
        counts.put("temporal", new long[STAGES.length]);
        counts.put("ours", new long[STAGES.length]);
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedThread thread = e.getThread("sampledThread");
            RecordedStackTrace stack = e.getStackTrace();
            String side = thread == null || thread.getJavaName() == null ? null : side(thread.getJavaName());
            if (side == null || stack == null) {
                continue;
            }
            counts.get(side)[stage(stack.getFrames())]++;
        }
        ResultsTable t = new ResultsTable("3b. Temporal handler side: share of CPU samples per stage", "stage",
                "temporal", "ours");
        long[] temporal = counts.get("temporal");
        long[] ours = counts.get("ours");
        long tTotal = sum(temporal);
        long oTotal = sum(ours);
        for (int i = 0; i < STAGES.length; i++) {
            t.row(STAGES[i], share(temporal[i], tTotal), share(ours[i], oTotal));
        }
        t.row("samples", Long.toString(tTotal), Long.toString(oTotal));
        t.note("From a JFR recording of part 3 (profile settings, stack depth 256): each CPU sample on a handler"
                + " thread is counted in the first stage its stack shows, in the order of the rows. Multiply a share"
                + " by the handler CPU per operation of part 3 for that stage's CPU per operation.");
        Files.createDirectories(results);
        t.printAndSave(results, "3b-temporal-stages.md");
    }

    private static String side(String threadName) {
        if (threadName.startsWith("temporal-nexus-worker[")) {
            return "ours";
        }
        if (threadName.startsWith("Nexus Poller") || threadName.startsWith("Nexus Executor")) {
            return "temporal";
        }
        return null;
    }

    private static int stage(List<RecordedFrame> frames) {
        List<Predicate<String>> rules = List.of(
                m -> m.contains("respondNexusTask"),
                m -> m.contains("pollNexusTaskQueue"),
                m -> m.startsWith("io.temporal.common.converter.") || m.startsWith("com.fasterxml.jackson.")
                        || m.startsWith("temporal.nexus.DataConverterSerializer")
                        || m.startsWith("temporal.nexus.internal.PayloadContent"),
                m -> m.startsWith("nexusrpc.handler.") || m.startsWith("nexusrpc.spi.")
                        || m.startsWith("io.nexusrpc.handler."),
                m -> m.startsWith("temporal.nexus.") || m.startsWith("io.temporal.internal.nexus.")
                        || m.startsWith("io.temporal.internal.worker.NexusWorker"));
        for (int i = 0; i < rules.size(); i++) {
            for (RecordedFrame f : frames) {
                if (f.getMethod() != null && rules.get(i).test(f.getMethod().getType().getName() + "."
                        + f.getMethod().getName())) {
                    return i;
                }
            }
        }
        return STAGES.length - 1;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    private static String share(long n, long total) {
        return total == 0 ? "—" : String.format("%.0f%%", 100.0 * n / total);
    }
}
