package nexusrpc.benchmarks.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentilesAreTheUpperBoundOfTheMicrosecondBucketOfTheRankedLatency() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1_000L + 500); // i.5 µs
        }
        assertEquals(100, h.count());
        assertEquals(51, h.percentileMicros(0.50)); // the 50th value, 50.5 µs, is in bucket [50, 51)
        assertEquals(100, h.percentileMicros(0.99));
        assertEquals(100_500, h.maxNanos());
    }

    @Test
    void latenciesBeyondOneSecondLandInTheOverflowBucket() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(5_000_000_000L);
        assertEquals(1_000_000, h.percentileMicros(0.5));
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertTrue(Double.isNaN(new LatencyHistogram().percentileMicros(0.5)));
    }
}
