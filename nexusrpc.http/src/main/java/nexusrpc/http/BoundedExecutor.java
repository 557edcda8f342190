package nexusrpc.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's default executor: a fixed pool with a bounded queue. When both are full, the exchange is run on the
 * submitting (dispatcher) thread, where the handler answers RESOURCE_EXHAUSTED at once instead of serving it:
 * memory stays bounded and callers learn to back off, without a silently dropped connection.
 *
 * <p>The handler tells such a refused exchange by the thread it runs on ({@link #refusedOnThisThread()}): the
 * pool's own threads are of a class of their own, so any other thread running an exchange of this executor is the
 * submitter running one the pool refused. No per-request state is kept for it.
 */
final class BoundedExecutor implements Executor {
    private final ThreadPoolExecutor pool;

    BoundedExecutor(int threads, int queueCapacity) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> new Worker(r, "nexus-http-" + n.incrementAndGet()),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Whether the exchange running on the calling thread is one the pool refused: it runs on a thread that is not
     * one of this pool's.
     */
    boolean refusedOnThisThread() {
        return !(Thread.currentThread() instanceof Worker w && w.executor() == this);
    }

    @Override
    public void execute(Runnable exchange) {
        try {
            pool.execute(exchange);
        } catch (RejectedExecutionException e) {
            exchange.run();
        }
    }

    /** Stops the threads once queued exchanges are done, waiting at most {@code millis}. */
    void shutdown(long millis) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
    }

    /** A thread of this pool. */
    private final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }

        BoundedExecutor executor() {
            return BoundedExecutor.this;
        }
    }
}
