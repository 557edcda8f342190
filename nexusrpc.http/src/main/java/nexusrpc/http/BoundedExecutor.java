package nexusrpc.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK engine's executor: a fixed pool with a bounded queue, for the JDK server's exchange tasks (each reads one
 * request, then runs the handler). The JDK server reads requests on the executor's threads, so every task begins
 * a {@link ReadDeadlines.Reading} that the handler finishes once the request has arrived whole: a task still
 * reading at the request read time limit is interrupted, which closes its connection.
 *
 * <p>When pool and queue are full, the exchange goes to a small overflow pool whose threads read the request and
 * answer {@code RESOURCE_EXHAUSTED} at once ({@link #refusedOnThisThread()}). When that is full too, the task is
 * refused: the JDK server then closes the connection, without an answer but without ever running an exchange on
 * its own dispatcher thread (one slow client there would freeze the whole server).
 */
final class BoundedExecutor implements Executor {
    /** Threads answering refused exchanges: reading a request is quick unless the client is slow (then cut). */
    private static final int OVERFLOW_THREADS = 4;

    private final ThreadPoolExecutor pool;
    private final ThreadPoolExecutor overflow;
    private final ReadDeadlines reads;

    BoundedExecutor(int threads, int queueCapacity, ReadDeadlines reads) {
        this.reads = reads;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> new Worker(r, "nexus-http-" + n.incrementAndGet(), false),
                new ThreadPoolExecutor.AbortPolicy());
        AtomicInteger m = new AtomicInteger();
        this.overflow = new ThreadPoolExecutor(0, OVERFLOW_THREADS, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> new Worker(r, "nexus-http-overflow-" + m.incrementAndGet(), true),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Whether the exchange running on the calling thread is one the pool refused (it runs on an overflow thread). */
    boolean refusedOnThisThread() {
        return Thread.currentThread() instanceof Worker w && w.executor() == this && w.overflow;
    }

    /** The reading of the request the calling thread serves, or {@code null} on a thread not of this executor. */
    ReadDeadlines.Reading readingOnThisThread() {
        return Thread.currentThread() instanceof Worker w && w.executor() == this ? w.reading : null;
    }

    @Override
    public void execute(Runnable exchange) {
        try {
            pool.execute(() -> run(exchange));
        } catch (RejectedExecutionException e) {
            // thrown on when the overflow is full too: the JDK server closes the connection
            overflow.execute(() -> run(exchange));
        }
    }

    private void run(Runnable exchange) {
        Worker w = (Worker) Thread.currentThread();
        w.reading = reads == null ? null : reads.begin();
        try {
            exchange.run();
        } finally {
            if (w.reading != null) {
                w.reading.finish();
                w.reading = null;
            }
            // an interrupt for a request read too slowly, or the engine cancelling a handler, ends here
            Thread.interrupted();
        }
    }

    /** Stops the threads once queued exchanges are done, waiting at most {@code millis}. */
    void shutdown(long millis) throws InterruptedException {
        pool.shutdown();
        overflow.shutdown();
        if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
        overflow.shutdownNow();
    }

    /** A thread of this executor. */
    private final class Worker extends Thread {
        final boolean overflow;
        /** The request this thread is reading; only this thread reads and writes it. */
        ReadDeadlines.Reading reading;

        Worker(Runnable r, String name, boolean overflow) {
            super(r, name);
            this.overflow = overflow;
            setDaemon(true);
        }

        BoundedExecutor executor() {
            return BoundedExecutor.this;
        }
    }
}
