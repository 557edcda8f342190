package nexusrpc.benchmarks.http;

/**
 * Counts latencies in one-microsecond buckets up to one second (beyond that in one overflow bucket) and
 * answers percentiles. Not thread-safe: the load driver records from its single thread.
 */
public final class LatencyHistogram {
    private static final int MAX_MICROS = 1_000_000;

    private final long[] counts = new long[MAX_MICROS + 1];
    private long total;
    private long maxNanos;

    /** Creates an empty histogram. */
    public LatencyHistogram() {}

    /** Records one latency. */
    public void record(long nanos) {
        int micros = (int) Math.min(MAX_MICROS, Math.max(0, nanos / 1_000));
        counts[micros]++;
        total++;
        maxNanos = Math.max(maxNanos, nanos);
    }

    /** How many latencies were recorded. */
    public long count() {
        return total;
    }

    /** The largest latency recorded, in nanoseconds. */
    public long maxNanos() {
        return maxNanos;
    }

    /**
     * The latency below which the given fraction of the recorded ones fall, in microseconds (upper bound of its
     * bucket; one second for the overflow bucket); {@code NaN} when nothing was recorded.
     */
    public double percentileMicros(double fraction) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == MAX_MICROS ? MAX_MICROS : i + 1; // the overflow bucket has no upper bound
            }
        }
        return MAX_MICROS;
    }
}
