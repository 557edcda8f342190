package nexusrpc.handler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.handler.Cancellation;

/**
 * Cancels a call's {@link Cancellation} when its deadline passes, so every transport (and the in-memory
 * harness) gives handlers the same signal. One shared daemon timer thread; cancelled timers are removed at once,
 * so finished calls leave nothing behind.
 */
public final class Deadlines {
    /** The reason a call is cancelled with when its deadline passes. */
    public static final String REASON = "the request's deadline was reached";

    private Deadlines() {}

    /**
     * Arms the deadline of one call.
     *
     * @return the timer to cancel when the call returns, or {@code null} if there is nothing to cancel (no
     *     deadline, or it had already passed and the call is cancelled now)
     */
    public static ScheduledFuture<?> arm(Instant deadline, Cancellation cancellation) {
        if (deadline == null || cancellation.isCancelled()) {
            return null;
        }
        long nanos;
        try {
            nanos = Duration.between(Instant.now(), deadline).toNanos();
        } catch (ArithmeticException farAway) {
            return null; // centuries away: never reached
        }
        if (nanos <= 0) {
            cancellation.cancel(REASON);
            return null;
        }
        return Timer.INSTANCE.schedule(() -> cancellation.cancel(REASON), nanos, TimeUnit.NANOSECONDS);
    }

    /** Created on first use: handlers without deadlines never start the thread. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "nexusrpc-deadlines");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}
