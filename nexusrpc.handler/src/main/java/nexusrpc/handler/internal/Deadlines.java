package nexusrpc.handler.internal;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.handler.transport.DeadlineExceeded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one deadline mechanism, shared by every transport: each call with a deadline is armed once, and
 * when the deadline passes first its {@link Cancellation} is cancelled and its answer becomes the "expired" outcome
 * (handed at once to the transport's reply, if it gave one), whatever the handler returns later. Transports run
 * no timers of their own.
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
     * How often the sweeper checks the calls in flight: transports answer callers at the deadline through it, so
     * it must not be much later than a timer would be (a thousand short wake-ups a second, only while calls with
     * deadlines are in flight, cost far less than a wake-up per call).
     */
    static final long TICK_MILLIS = 1;

    /**
     * Where overdue calls are answered and cancelled: a few daemon threads, made on demand and gone when idle. A
     * queue instead of more threads: answers at the deadline are rare and short, and even a peer that blocks a few
     * of them cannot hold up the sweep that finds the rest.
     */
    private static final ThreadPoolExecutor REPLIES = replyPool();

    private Deadlines() {}

    private static ThreadPoolExecutor replyPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "nexusrpc-deadline-replies-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Nanoseconds from now to {@code deadline}, to the millisecond (the sweeper's tick is coarser anyway), or
     * {@link Long#MAX_VALUE} if it is too far away to count: the millisecond wall clock is the cheapest to read,
     * and nothing is allocated.
     */
    public static long nanosUntil(Instant deadline) {
        try {
            return Math.multiplyExact(deadline.toEpochMilli() - System.currentTimeMillis(), 1_000_000L);
        } catch (ArithmeticException farAway) {
            return deadline.isAfter(Instant.EPOCH) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /**
     * One call racing its deadline. Whoever claims it first decides its answer: the handler returning ({@link
     * #finish}) or the deadline passing (the sweeper). Extends {@link AtomicBoolean} (the claim) so that arming a
     * call allocates one object.
     *
     * @param <O> the verb's outcome type
     */
    public static final class Call<O> extends AtomicBoolean {
        private static final long serialVersionUID = 1L;
        private final transient long dueNanos;
        private final transient Cancellation cancellation;
        private final transient Consumer<? super O> reply;
        private final transient O expired;

        private Call(long dueNanos, Cancellation cancellation, Consumer<? super O> reply, O expired) {
            this.dueNanos = dueNanos;
            this.cancellation = cancellation;
            this.reply = reply;
            this.expired = expired;
        }

        /**
         * Arms a call that must be answered by {@code nanosLeft} from now.
         *
         * @param cancellation cancelled (with {@link DeadlineExceeded#REASON}) when the deadline wins
         * @param reply where the answer goes (at the deadline, from the sweeper thread, if the deadline wins); or
         *     {@code null} for a blocking caller, which gets the answer from {@link #finish}
         * @param expired the answer when the deadline wins
         */
        public static <O> Call<O> arm(long nanosLeft, Cancellation cancellation, Consumer<? super O> reply,
                O expired) {
            Call<O> call = new Call<>(System.nanoTime() + nanosLeft, cancellation, reply, expired);
            Sweeper.INSTANCE.add(call);
            return call;
        }

        /**
         * The handler returned {@code outcome}: disarms the deadline and returns the call's answer, {@code outcome}
         * if the deadline had not passed, else the expired answer (already handed to the reply, if any). With a
         * reply, hands the answer to it when it is {@code outcome}.
         */
        public O finish(O outcome) {
            Sweeper.INSTANCE.calls.remove(this);
            if (compareAndSet(false, true)) {
                if (reply != null) {
                    reply.accept(outcome);
                }
                return outcome;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("an answer came after the call's deadline and was dropped: {}", outcome);
            }
            return expired;
        }

        private void expire() {
            if (!compareAndSet(false, true)) {
                return;
            }
            // answer first, so the caller is not kept waiting by cancellation callbacks
            try {
                if (reply != null) {
                    reply.accept(expired);
                }
            } finally {
                cancellation.cancel(DeadlineExceeded.REASON);
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
    }

    /** The thread that expires overdue calls; started on first use, so calls without deadlines never start it. */
    private static final class Sweeper implements Runnable {
        static final Sweeper INSTANCE = start();
        private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

        final Set<Call<?>> calls = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean parked = new AtomicBoolean();
        private Thread thread;

        private static Sweeper start() {
            Sweeper s = new Sweeper();
            s.thread = new Thread(s, "nexusrpc-deadlines");
            s.thread.setDaemon(true);
            s.thread.start();
            return s;
        }

        /**
         * Answers an overdue call on the reply pool, not on this thread: a transport's reply may block (a peer that
         * does not read its socket), and that must not delay the deadlines of every other call.
         */
        private void expire(Call<?> c) {
            try {
                REPLIES.execute(() -> {
                    try {
                        c.expire();
                    } catch (Throwable t) {
                        // a failing reply or cancel callback must not stop the deadlines of other calls
                        LOG.warn("answering a call at its deadline failed", t);
                    }
                });
            } catch (RuntimeException rejected) {
                LOG.warn("cannot answer a call at its deadline", rejected);
            }
        }

        void add(Call<?> call) {
            calls.add(call);
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
                for (Call<?> c : calls) {
                    if (now - c.dueNanos >= 0 && calls.remove(c)) {
                        expire(c);
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
