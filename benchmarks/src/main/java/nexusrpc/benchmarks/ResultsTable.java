package nexusrpc.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A Markdown table of one benchmark part, printed to the console and saved under {@code target/results} so
 * {@code run.sh} can gather every part into one report.
 */
public final class ResultsTable {
    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A table with a title and column names. */
    public ResultsTable(String title, String... columns) {
        this.title = title;
        this.header = List.of(columns);
    }

    /** Adds a row; there must be one cell per column. */
    public ResultsTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + Arrays.toString(cells));
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Adds a line printed under the table. */
    public ResultsTable note(String line) {
        notes.add(line);
        return this;
    }

    /** The table as Markdown. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
        line(sb, header);
        sb.append('|');
        header.forEach(h -> sb.append("---|"));
        sb.append('\n');
        rows.forEach(r -> line(sb, r));
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append(n).append("\n"));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        cells.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append('\n');
    }

    /** Prints the table and writes it to {@code dir/fileName}. */
    public void printAndSave(Path dir, String fileName) {
        String md = toMarkdown();
        System.out.println();
        System.out.println(md);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(fileName), md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the results table", e);
        }
    }

    /** The median of some values (the mean of the middle two for an even count). */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** The median of a metric over samples. */
    public static <S> double median(List<S> samples, ToDoubleFunction<S> metric) {
        List<Double> values = new ArrayList<>();
        samples.forEach(s -> values.add(metric.applyAsDouble(s)));
        return median(values);
    }

    /**
     * The ratios {@code metric(top[i]) / metric(bottom[i])} of paired samples (measured in the same round), in
     * order.
     */
    public static <S> List<Double> ratios(List<S> top, List<S> bottom, ToDoubleFunction<S> metric) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(top.size(), bottom.size()); i++) {
            r.add(metric.applyAsDouble(top.get(i)) / metric.applyAsDouble(bottom.get(i)));
        }
        return r;
    }

    /** The median of {@link #ratios}. */
    public static <S> double medianRatio(List<S> top, List<S> bottom, ToDoubleFunction<S> metric) {
        return median(ratios(top, bottom, metric));
    }

    /** A number with thousands separators and no decimals. */
    public static String count(double v) {
        return String.format("%,.0f", v);
    }

    /** A ratio with two decimals followed by "×". */
    public static String ratio(double v) {
        return String.format("%.2f×", v);
    }

    /** "✅ met" or "❌ missed" followed by the target text. */
    public static String verdict(boolean met, String target) {
        return (met ? "met: " : "MISSED: ") + target;
    }
}
