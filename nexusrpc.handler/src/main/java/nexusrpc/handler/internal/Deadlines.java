package nexusrpc.handler.internal;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import nexusrpc.api.handler.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels a call's {@link Cancellation} when its deadline passes, so every transport (and the in-memory
 * harness) gives handlers the same signal.
 *
 * <p>Nearly every call ends long before its deadline, so arming and disarming must be cheap: a call only joins
 * and leaves a concurrent set, and one shared daemon thread sweeps the set every {@link #TICK_MILLIS} ms while
 * calls with deadlines are in flight (it parks after a second with none). A deadline is therefore met at most one
 * tick late. A scheduled executor would instead wake its thread on almost every call (each new timer becomes the
 * head of an otherwise empty queue): that cost about three times the whole dispatch of a small sync call.
 */
public final class Deadlines {
    private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);
    /**
     * The reason a call is cancelled with when its deadline passes; the same words the transports use when they
     * notice the deadline themselves, so the reason a handler sees does not depend on which timer fired first.
     */
    public static final String REASON = "the request deadline passed";
    /**
     * How often the sweeper checks the calls in flight: transports answer callers at the deadline through it, so
     * it must not be much later than a timer would be (a thousand short wake-ups a second, only while calls with
     * deadlines are in flight, cost far less than a wake-up per call).
     */
    static final long TICK_MILLIS = 1;

    private Deadlines() {}

    /**
     * Arms the deadline of one call.
     *
     * @return the handle to {@linkplain Armed#disarm() disarm} when the call returns, or {@code null} if there is
     *     nothing to disarm (no deadline, or it had already passed and the call is cancelled now)
     */
    public static Armed arm(Instant deadline, Cancellation cancellation) {
        if (deadline == null || cancellation.isCancelled()) {
            return null;
        }
        long nanos = nanosUntil(deadline);
        if (nanos == Long.MAX_VALUE) {
            return null; // centuries away: never reached
        }
        if (nanos <= 0) {
            cancellation.cancel(REASON);
            return null;
        }
        Armed armed = new Armed(System.nanoTime() + nanos, cancellation, null);
        Sweeper.INSTANCE.add(armed);
        return armed;
    }

    /**
     * Runs {@code action} on the deadline thread when {@code deadline} passes, unless disarmed first; a deadline
     * that has already passed runs it at the next tick. For transports that must answer at the deadline; keep the
     * action short, it delays the other deadlines.
     */
    public static Armed at(Instant deadline, Runnable action) {
        long nanos = nanosUntil(deadline);
        if (nanos == Long.MAX_VALUE) {
            return new Armed(Long.MAX_VALUE, null, null); // centuries away: never reached, nothing to track
        }
        Armed armed = new Armed(System.nanoTime() + Math.max(0, nanos), null, action);
        Sweeper.INSTANCE.add(armed);
        return armed;
    }

    /**
     * Nanoseconds from now to {@code deadline}, to the millisecond (the sweeper's tick is coarser anyway), or
     * {@link Long#MAX_VALUE} if it is too far away to count: the millisecond wall clock is the cheapest to read,
     * and nothing is allocated.
     */
    private static long nanosUntil(Instant deadline) {
        try {
            return Math.multiplyExact(deadline.toEpochMilli() - System.currentTimeMillis(), 1_000_000L);
        } catch (ArithmeticException farAway) {
            return Long.MAX_VALUE;
        }
    }

    /** The deadline of one call in flight: cancels its cancellation or runs an action when it passes. */
    public static final class Armed {
        private final long dueNanos;
        private final Cancellation cancellation;
        private final Runnable action;

        private Armed(long dueNanos, Cancellation cancellation, Runnable action) {
            this.dueNanos = dueNanos;
            this.cancellation = cancellation;
            this.action = action;
        }

        private void fire() {
            if (action != null) {
                action.run();
            } else {
                cancellation.cancel(REASON);
            }
        }

        /**
         * Cheap and well spread (due times differ in their low bits): an identity hash would have to be generated
         * and installed in the object header on every call. Equality stays identity.
         */
        @Override
        public int hashCode() {
            long h = dueNanos * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        /** The call returned: its deadline no longer matters. */
        public void disarm() {
            Sweeper.INSTANCE.calls.remove(this);
        }
    }

    /** The thread that cancels overdue calls; started on first use, so calls without deadlines never start it. */
    private static final class Sweeper implements Runnable {
        static final Sweeper INSTANCE = start();
        private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

        final Set<Armed> calls = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean parked = new AtomicBoolean();
        private Thread thread;

        private static Sweeper start() {
            Sweeper s = new Sweeper();
            s.thread = new Thread(s, "nexusrpc-deadlines");
            s.thread.setDaemon(true);
            s.thread.start();
            return s;
        }

        void add(Armed armed) {
            calls.add(armed);
            if (parked.get()) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
                long now = System.nanoTime();
                for (Armed a : calls) {
                    if (now - a.dueNanos >= 0 && calls.remove(a)) {
                        try {
                            a.fire();
                        } catch (Throwable t) {
                            // a failing callback or action must not stop the deadlines of other calls
                            LOG.warn("an action at a call's deadline failed", t);
                        }
                    }
                }
                if (!calls.isEmpty()) {
                    idleSince = now;
                } else if (now - idleSince > IDLE_NANOS) {
                    parked.set(true);
                    // a call added after this check unparks us (park returns at once if it already did)
                    if (calls.isEmpty()) {
                        LockSupport.park(this);
                    }
                    parked.set(false);
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
