package jlink.demo.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints spans as trees of the calls they made: a person reads a trace faster so than as log lines. Spans end
 * children first, so an ended span is held until the span it belongs under in this process ends (its local root:
 * the first ancestor whose parent was not started here, e.g. a caller in another process), and then the whole
 * tree is printed:
 *
 * <pre>
 * trace 4bf92f3577b34da6a3ce929d0e0e4736
 * └─ Greeting/hello  SERVER  2.1 ms  sync
 *    └─ ...
 * </pre>
 *
 * A span that ends after its tree was printed (a completion delivered later, in the trace of the start that
 * completed) is printed as a tree of its own, under the line of the span it continues.
 */
final class TreePrinter implements SpanProcessor {
    /** How many printed spans are remembered for the spans that continue them later. */
    private static final int REMEMBERED = 10_000;
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("nexus.outcome");
    private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("nexus.attempt");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final PrintStream out;
    /** Ended spans waiting for their local root, by span id. */
    private final Map<String, SpanData> waiting = new HashMap<>();
    /** Spans started in this process and not printed yet. */
    private final Set<String> started = new HashSet<>();
    /** Spans already printed, by span id, for the line a late span continues (the latest few thousand). */
    private final Map<String, String> printed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    TreePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void onStart(Context parentContext, ReadWriteSpan span) {
        started.add(span.getSpanContext().getSpanId());
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public synchronized void onEnd(ReadableSpan ended) {
        SpanData span = ended.toSpanData();
        waiting.put(span.getSpanId(), span);
        if (isLocalRoot(span)) {
            print(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** Whether no span above {@code span} is still to end in this process. */
    private boolean isLocalRoot(SpanData span) {
        return !span.getParentSpanContext().isValid() || !started.contains(span.getParentSpanId());
    }

    private void print(SpanData root) {
        StringBuilder b = new StringBuilder();
        String parent = printed.get(root.getParentSpanId());
        b.append(parent != null ? "trace " + root.getTraceId() + ", later, continuing " + parent
                : "trace " + root.getTraceId()
                        + (root.getParentSpanContext().isValid() ? " (continued from a caller)" : "")).append('\n');
        Map<String, List<SpanData>> children = new HashMap<>();
        for (SpanData s : waiting.values()) {
            if (s.getTraceId().equals(root.getTraceId()) && !s.getSpanId().equals(root.getSpanId())) {
                children.computeIfAbsent(s.getParentSpanId(), k -> new ArrayList<>()).add(s);
            }
        }
        Set<String> done = new HashSet<>();
        line(b, root, children, "", true, done);
        done.forEach(waiting::remove);
        started.removeAll(done);
        out.print(b);
        out.flush();
    }

    private void line(StringBuilder b, SpanData span, Map<String, List<SpanData>> children, String indent,
            boolean last, Set<String> done) {
        done.add(span.getSpanId());
        String label = describe(span);
        printed.put(span.getSpanId(), span.getName() + " " + span.getKind());
        b.append(indent).append(last ? "└─ " : "├─ ").append(label).append('\n');
        List<SpanData> kids = new ArrayList<>(children.getOrDefault(span.getSpanId(), List.of()));
        kids.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
        for (int i = 0; i < kids.size(); i++) {
            line(b, kids.get(i), children, indent + (last ? "   " : "│  "), i == kids.size() - 1, done);
        }
    }

    private static String describe(SpanData s) {
        StringBuilder b = new StringBuilder(s.getName()).append("  ").append(s.getKind());
        b.append(String.format("  %.1f ms", (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6));
        Long attempt = s.getAttributes().get(ATTEMPT);
        if (attempt != null && attempt > 1) {
            b.append("  attempt ").append(attempt);
        }
        String outcome = s.getAttributes().get(OUTCOME);
        if (outcome != null) {
            b.append("  ").append(outcome);
        }
        String error = s.getAttributes().get(ERROR);
        if (error != null) {
            b.append(" ").append(error);
        }
        Long status = s.getAttributes().get(STATUS);
        if (status != null) {
            b.append("  HTTP ").append(status);
        }
        return b.toString();
    }
}
