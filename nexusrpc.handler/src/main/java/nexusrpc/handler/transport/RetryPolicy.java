package nexusrpc.handler.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again and how long to wait first: exponential backoff with jitter, bounded by a number of attempts
 * and by the time since the first attempt. The one retry policy of the SDK, used by the HTTP client (retryable
 * handler errors), the completion sender (deliveries) and the Temporal worker (polls and replies).
 *
 * <p>Retry {@code n} (from 1) waits between half and all of {@code initialDelay * 2^(n-1)}, capped at {@code
 * maxDelay}: the jitter spreads the retries of many callers that failed together. Immutable and thread-safe.
 *
 * @param maxAttempts attempts in all, the first included; {@link Integer#MAX_VALUE} for no limit
 * @param initialDelay the base delay of the first retry
 * @param maxDelay the longest delay between two attempts
 * @param maxElapsed no attempt starts later than this after the first one; {@code null} for no limit
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxElapsed) {
    /** Checks that the counts and delays make sense, naming the one that does not. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry delays must be positive with initialDelay <= maxDelay, got "
                    + "initialDelay=" + initialDelay + ", maxDelay=" + maxDelay);
        }
        if (maxElapsed != null && maxElapsed.isNegative()) {
            throw new IllegalArgumentException("maxElapsed must not be negative, got " + maxElapsed);
        }
    }

    /** One attempt, no retries (delays as {@link #builder()}'s defaults, never used). */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    /**
     * A builder starting from: unlimited attempts and time, 100 ms initial delay, 10 s maximum delay. Set at
     * least one of {@link Builder#maxAttempts} and {@link Builder#maxElapsed} unless retrying forever is meant.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialDelay = initialDelay;
        b.maxDelay = maxDelay;
        b.maxElapsed = maxElapsed;
        return b;
    }

    /**
     * The delay before retry number {@code retry} (1 for the first retry), with jitter.
     *
     * @throws IllegalArgumentException if {@code retry} is below 1
     */
    public Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        long cap = maxDelay.toNanos();
        long d = initialDelay.toNanos();
        for (int i = 1; i < retry && d < cap; i++) {
            d = d > cap / 2 ? cap : d * 2;
        }
        d = Math.min(d, cap);
        long half = d / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /**
     * Whether another attempt may start after {@code attemptsMade} attempts, {@code elapsed} after the first one
     * began, if it would start after waiting {@code pause}.
     */
    public boolean allowsRetry(int attemptsMade, Duration elapsed, Duration pause) {
        if (attemptsMade >= maxAttempts) {
            return false;
        }
        return maxElapsed == null || elapsed.plus(pause).compareTo(maxElapsed) <= 0;
    }

    /** Builds a {@link RetryPolicy}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = Integer.MAX_VALUE;
        private Duration initialDelay = Duration.ofMillis(100);
        private Duration maxDelay = Duration.ofSeconds(10);
        private Duration maxElapsed;

        private Builder() {}

        /** Attempts in all, the first included (1: no retries). */
        public Builder maxAttempts(int n) {
            this.maxAttempts = n;
            return this;
        }

        /** The base delay of the first retry, doubled for each further one. */
        public Builder initialDelay(Duration d) {
            this.initialDelay = d;
            return this;
        }

        /** The longest delay between two attempts. */
        public Builder maxDelay(Duration d) {
            this.maxDelay = d;
            return this;
        }

        /** No attempt starts later than this after the first one ({@code null}: no limit). */
        public Builder maxElapsed(Duration d) {
            this.maxElapsed = d;
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException if a value is out of range
         */
        public RetryPolicy build() {
            return new RetryPolicy(maxAttempts, initialDelay, maxDelay, maxElapsed);
        }
    }
}
