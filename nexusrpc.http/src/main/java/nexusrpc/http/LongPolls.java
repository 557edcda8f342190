package nexusrpc.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where fetchResult long polls wait on the JDK engine, off the request pool: a long poll waits for up to its
 * {@code wait} (a minute by default), and on the pool a few of them would hold every thread while other calls queue.
 * The JDK server lets an exchange be answered after its handler returned, so the pool thread hands the poll over
 * and goes back to serving requests. On Java 21+ each poll waits on a virtual thread (found at run time: the SDK's
 * release is 17); before, on a platform thread of a pool that grows to the limit and shrinks when idle. At most
 * {@code limit} polls wait at once; more are refused, and the caller is answered {@code RESOURCE_EXHAUSTED}.
 */
final class LongPolls {
    private final ExecutorService threads;
    private final Semaphore permits;
    private final boolean virtual;

    LongPolls(int limit) {
        this.permits = new Semaphore(limit);
        ExecutorService v = virtualThreads();
        this.virtual = v != null;
        if (v != null) {
            this.threads = v;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.threads = new ThreadPoolExecutor(0, limit, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "nexus-http-long-poll-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()} on Java 21+, else {@code null}. */
    private static ExecutorService virtualThreads() {
        try {
            MethodHandle factory = MethodHandles.publicLookup().findStatic(Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            return (ExecutorService) factory.invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        } catch (Throwable e) {
            // e.g. an UnsupportedOperationException on a VM without them
            return null;
        }
    }

    /** Whether polls wait on virtual threads. */
    boolean virtual() {
        return virtual;
    }

    /**
     * Runs a poll off the request pool.
     *
     * @return false if too many polls are waiting already (nothing was run)
     */
    boolean submit(Runnable poll) {
        if (!permits.tryAcquire()) {
            return false;
        }
        try {
            threads.execute(() -> {
                try {
                    poll.run();
                } finally {
                    permits.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            permits.release();
            return false;
        }
    }

    /** Interrupts the polls still waiting and stops the threads. */
    void shutdown() {
        threads.shutdownNow();
    }
}
