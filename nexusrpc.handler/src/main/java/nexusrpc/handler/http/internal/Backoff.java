package nexusrpc.handler.http.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt {@code n} (from 1) waits between half and all of {@code initial *
 * 2^(n-1)}, capped at {@code max}. The jitter spreads retries of many callers that failed together.
 *
 * @param initial the base delay of the first retry
 * @param max the largest delay
 */
public record Backoff(Duration initial, Duration max) {
    /** Checks that the delays are positive and ordered. */
    public Backoff {
        if (initial == null || max == null || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff delays must be positive with initial <= max, got initial="
                    + initial + ", max=" + max);
        }
    }

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        long base = initial.toNanos();
        long cap = max.toNanos();
        long d = base;
        for (int i = 1; i < attempt && d < cap; i++) {
            d = d > cap / 2 ? cap : d * 2;
        }
        d = Math.min(d, cap);
        long half = d / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
