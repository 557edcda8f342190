package nexusrpc.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The request read time limit: a thread that reads a request (its line, headers and body) for longer than the
 * limit is interrupted. On the JDK engine the thread reads from a blocking socket channel, which an interrupt
 * closes, so the connection of a client that sends its request too slowly is closed and the thread goes back to
 * serving others; without this, a few clients trickling their headers hold every thread of the pool.
 *
 * <p>A {@link Reading} is begun when a thread starts reading a request and finished when the request has arrived
 * whole; only a reading that is still under way can be interrupted, and finishing it waits for an interrupt being
 * delivered, so an interrupt never reaches the thread after {@link Reading#finish()} returned (the caller then
 * clears it). One daemon thread checks the readings a few times per second.
 */
final class ReadDeadlines implements AutoCloseable {
    private final long timeoutNanos;
    private final Set<Reading> active = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;

    ReadDeadlines(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "nexus-http-read-deadlines");
            t.setDaemon(true);
            return t;
        });
        // the limit is enforced to within a quarter of itself (at most 250 ms late)
        long period = Math.max(10, Math.min(250, timeout.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** Begins reading a request on the calling thread. */
    Reading begin() {
        Reading r = new Reading(Thread.currentThread(), System.nanoTime() + timeoutNanos);
        active.add(r);
        return r;
    }

    /** Readings under way (for tests). */
    int active() {
        return active.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Reading r : active) {
            if (now - r.deadline >= 0) {
                r.expire();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One request being read by one thread. */
    final class Reading {
        private final Thread thread;
        private final long deadline;
        /** 0: reading, 1: read in time, 2: expired (the thread was interrupted). */
        private int state;

        private Reading(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }

        private synchronized void expire() {
            active.remove(this);
            if (state == 0) {
                state = 2;
                thread.interrupt();
            }
        }

        /**
         * Ends the reading; returns whether the request was read within the limit. False means the thread was
         * interrupted (its connection is closed on the JDK engine): the request must not be served.
         */
        synchronized boolean finish() {
            active.remove(this);
            if (state == 0) {
                state = 1;
                return true;
            }
            return state == 1;
        }
    }
}
