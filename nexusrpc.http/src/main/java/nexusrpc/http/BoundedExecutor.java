package nexusrpc.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's default executor: a fixed pool with a bounded queue. When both are full, the exchange is run on the
 * submitting (dispatcher) thread in "overloaded" mode, where the handler answers RESOURCE_EXHAUSTED at once
 * instead of serving it: memory stays bounded and callers learn to back off, without a silently dropped
 * connection.
 */
final class BoundedExecutor implements Executor {
    private static final ThreadLocal<Boolean> OVERLOADED = new ThreadLocal<>();

    private final ThreadPoolExecutor pool;

    BoundedExecutor(int threads, int queueCapacity) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "nexus-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), factory, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Whether the current exchange is being refused because the pool is saturated. */
    static boolean isOverloaded() {
        return OVERLOADED.get() != null;
    }

    @Override
    public void execute(Runnable exchange) {
        try {
            pool.execute(exchange);
        } catch (RejectedExecutionException e) {
            OVERLOADED.set(Boolean.TRUE);
            try {
                exchange.run();
            } finally {
                OVERLOADED.remove();
            }
        }
    }

    /** Stops the threads once queued exchanges are done, waiting at most {@code millis}. */
    void shutdown(long millis) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
    }
}
