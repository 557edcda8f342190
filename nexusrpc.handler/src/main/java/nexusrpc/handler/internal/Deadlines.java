package nexusrpc.handler.internal;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 * <p>Nearly every call ends long before its deadline, so arming and disarming must be cheap: a call only takes
 * and frees a slot (see {@link Sweeper}), and one shared daemon thread sweeps them every {@link #TICK_MILLIS} ms while
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
     * How far ahead of the sweeper's clock a deadline must be to be taken as not passed without reading the clock:
     * far more than a tick, so that a sweeper kept from running for a while on a busy machine does not matter.
     */
    private static final long CLOSE_MILLIS = 250;
    /** Calls due further ahead than this when armed wait in the far set, swept only every {@link #FAR_TICK_MILLIS}. */
    static final long FAR_MILLIS = 2_000;
    /** How often the far set is swept (calls move to the every-tick sweep a second or more before they are due). */
    static final long FAR_TICK_MILLIS = 100;

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

    /** Calls armed and not yet finished or expired: {swept every tick, in the far set} (for tests). */
    static int[] armed() {
        return Sweeper.INSTANCE.armed();
    }

    /**
     * {@code deadline} in milliseconds since the epoch, the unit calls are armed with; {@link Long#MAX_VALUE} or
     * {@link Long#MIN_VALUE} for deadlines too far from now to count.
     */
    public static long dueMillis(Instant deadline) {
        try {
            return deadline.toEpochMilli();
        } catch (ArithmeticException farAway) {
            return deadline.isAfter(Instant.EPOCH) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /**
     * Whether a call due at {@code dueMillis} is overdue already. Reading a clock costs 20 to 100 ns (more on virtual
     * machines), about what the rest of arming costs, so a deadline well ahead of the sweeper's last reading of the
     * clock (it reads it every tick anyway) is decided without reading it again; only one close to it is checked
     * against the clock itself, so that a call whose deadline has just passed never runs.
     */
    public static boolean overdue(long dueMillis) {
        if (dueMillis > Sweeper.INSTANCE.now() + CLOSE_MILLIS) {
            return false;
        }
        return dueMillis <= System.currentTimeMillis();
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
        private final transient long dueMillis;
        private final transient Cancellation cancellation;
        private final transient Consumer<? super O> reply;
        private final transient O expired;
        /** Where the sweeper finds this call: its slot, or {@link Sweeper#OVERFLOW}; only the arming thread uses it. */
        private transient int slot;

        private Call(long dueMillis, Cancellation cancellation, Consumer<? super O> reply, O expired) {
            this.dueMillis = dueMillis;
            this.cancellation = cancellation;
            this.reply = reply;
            this.expired = expired;
        }

        /**
         * Arms a call that must be answered by {@code dueMillis} (milliseconds since the epoch, see {@link
         * #dueMillis}).
         *
         * @param cancellation cancelled (with {@link DeadlineExceeded#REASON}) when the deadline wins
         * @param reply where the answer goes (at the deadline, from the sweeper thread, if the deadline wins); or
         *     {@code null} for a blocking caller, which gets the answer from {@link #finish}
         * @param expired the answer when the deadline wins
         */
        public static <O> Call<O> arm(long dueMillis, Cancellation cancellation, Consumer<? super O> reply,
                O expired) {
            Call<O> call = new Call<>(dueMillis, cancellation, reply, expired);
            Sweeper.INSTANCE.add(call);
            return call;
        }

        /**
         * The handler returned {@code outcome}: disarms the deadline and returns the call's answer, {@code outcome}
         * if the deadline had not passed, else the expired answer (already handed to the reply, if any). With a
         * reply, hands the answer to it when it is {@code outcome}.
         */
        public O finish(O outcome) {
            Sweeper.INSTANCE.remove(this);
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
    }

    /**
     * The thread that expires overdue calls; started on first use, so calls without deadlines never start it.
     *
     * <p>Calls in flight sit in a fixed array of slots: arming claims a free slot near the arming thread's home
     * slot with one compare-and-set and finishing frees it with another, without allocating or locking (a
     * concurrent set allocated a node and took a bin lock on every removal, which cost as much as the rest of a
     * small call's dispatch). Calls that find no free slot near home go to an overflow set; the sweeper scans both.
     *
     * <p>Calls due more than {@link #FAR_MILLIS} ahead (long polls, long timeouts) wait in a far set swept only
     * every {@link #FAR_TICK_MILLIS} and move to the overflow set when they come near: a server on virtual threads
     * holds thousands of long polls at once, and sweeping them all every millisecond would cost a core.
     */
    private static final class Sweeper implements Runnable {
        static final Sweeper INSTANCE = start();
        /** {@link Call#slot} of a call in the overflow set. */
        static final int OVERFLOW = -1;
        /** {@link Call#slot} of a call armed in the far set (the sweeper may have moved it to the overflow set). */
        static final int FAR = -2;
        private static final long IDLE_MILLIS = 1_000;
        /** Slots: scanning them all each tick costs about a microsecond. A power of two. */
        private static final int SLOTS = 1024;
        /** Slots tried from a thread's home slot before the overflow set. */
        private static final int PROBES = 8;

        private final AtomicReferenceArray<Call<?>> slots = new AtomicReferenceArray<>(SLOTS);
        private final Set<Call<?>> overflow = ConcurrentHashMap.newKeySet();
        private final Set<Call<?>> far = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean parked = new AtomicBoolean();
        /** The wall clock in milliseconds as this thread last read it, at most a tick ago unless it is parked. */
        private volatile long clock = System.currentTimeMillis();
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

        @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+, and only spreads threads here
        void add(Call<?> call) {
            if (call.dueMillis - now() > FAR_MILLIS) {
                call.slot = FAR;
                far.add(call);
                wake();
                return;
            }
            // each thread starts at its own home slot, so threads rarely compete for one
            long id = Thread.currentThread().getId() * 0x9E3779B97F4A7C15L;
            int home = (int) (id >>> 40);
            for (int i = 0; i < PROBES; i++) {
                int index = (home + i) & (SLOTS - 1);
                if (slots.get(index) == null && slots.compareAndSet(index, null, call)) {
                    call.slot = index;
                    wake();
                    return;
                }
            }
            call.slot = OVERFLOW;
            overflow.add(call);
            wake();
        }

        private void wake() {
            if (parked.get()) {
                LockSupport.unpark(thread);
            }
        }

        /** The current time in milliseconds since the epoch, to within a tick (more if this thread is kept waiting). */
        long now() {
            // parked: nobody has read the clock for a while (and the call that wakes us is being armed)
            return parked.get() ? System.currentTimeMillis() : clock;
        }

        void remove(Call<?> call) {
            if (call.slot == FAR) {
                // moved to the overflow set if it came near
                if (!far.remove(call)) {
                    overflow.remove(call);
                }
            } else if (call.slot == OVERFLOW) {
                overflow.remove(call);
            } else {
                // fails if the sweeper took the call out at its deadline: then the slot is already another's or free
                slots.compareAndSet(call.slot, call, null);
            }
        }

        @Override
        public void run() {
            long idleSince = System.currentTimeMillis();
            long farSweptAt = idleSince;
            while (true) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
                long now = System.currentTimeMillis();
                clock = now;
                if (now - farSweptAt >= FAR_TICK_MILLIS) {
                    farSweptAt = now;
                    for (Call<?> c : far) {
                        if (c.dueMillis - now < FAR_MILLIS && far.remove(c)) {
                            overflow.add(c);
                        }
                    }
                }
                boolean any = !far.isEmpty();
                for (int i = 0; i < SLOTS; i++) {
                    Call<?> c = slots.get(i);
                    if (c != null) {
                        any = true;
                        if (c.dueMillis <= now && slots.compareAndSet(i, c, null)) {
                            expire(c);
                        }
                    }
                }
                for (Call<?> c : overflow) {
                    any = true;
                    if (c.dueMillis <= now && overflow.remove(c)) {
                        expire(c);
                    }
                }
                if (any) {
                    idleSince = now;
                } else if (now - idleSince > IDLE_MILLIS) {
                    parked.set(true);
                    // a call added after this check unparks us (park returns at once if it already did)
                    if (isEmpty()) {
                        LockSupport.park(this);
                    }
                    clock = System.currentTimeMillis();
                    parked.set(false);
                    idleSince = clock;
                }
            }
        }

        int[] armed() {
            int near = overflow.size();
            for (int i = 0; i < SLOTS; i++) {
                near += slots.get(i) != null ? 1 : 0;
            }
            return new int[] {near, far.size()};
        }

        private boolean isEmpty() {
            if (!overflow.isEmpty() || !far.isEmpty()) {
                return false;
            }
            for (int i = 0; i < SLOTS; i++) {
                if (slots.get(i) != null) {
                    return false;
                }
            }
            return true;
        }
    }
}
