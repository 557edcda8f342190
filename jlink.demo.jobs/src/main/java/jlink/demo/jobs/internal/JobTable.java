package jlink.demo.jobs.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The jobs of one operation, by token and by request id, with their expiry. Thread-safe.
 *
 * <p>Bounded: a job is in the table while it runs (the handler admits at most {@code maxRunning}) and, once
 * finished, until its retention is over or {@code maxRetained} jobs finished after it, whichever comes first. The
 * request-id index holds an entry only for a job in the table (or a start deciding whether to make one), and loses
 * it when the job leaves, so deduplication is bounded and expires with the jobs.
 *
 * <p>Expiry costs O(1) per call, amortized: all jobs of an operation are retained equally long, so the order in
 * which they finish is the order in which they expire, and a queue appended at each finish (under the lock that
 * stamps the finish time) is already ordered by expiry, with no sorting (a {@code DelayQueue} would pay O(log n)
 * for a heap this order makes unnecessary). Expiring looks only at the head, and takes the lock only when the head
 * is due (a volatile read otherwise); each job is removed once, so no call ever walks the retained jobs. Expiry
 * runs on the calls themselves (start, fetchInfo, fetchResult, cancel, a job finishing), so it needs no thread of
 * its own: memory held between calls is bounded by {@code maxRetained}.
 */
final class JobTable {
    private final long retentionNanos;
    private final int maxRetained;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, JobRecord> byToken = new ConcurrentHashMap<>();
    /**
     * Request id to the start that claimed it: completed with its job once started, or with {@code null} when the
     * start was rejected (and the entry removed), so a concurrent retry waits for the first one's decision.
     */
    private final ConcurrentHashMap<String, CompletableFuture<JobRecord>> byRequestId = new ConcurrentHashMap<>();
    /** Finished jobs, oldest finish first, hence earliest expiry first. Guarded by {@code this}. */
    private final ArrayDeque<JobRecord> finished = new ArrayDeque<>();
    /**
     * When the head of {@link #finished} expires (on {@link #nanoClock}), or {@code null} when nothing is
     * retained: lets {@link #expire()} return without the lock when nothing is due. Written under {@code this}.
     */
    private volatile Long nextExpiry;
    /**
     * How many times expiry or eviction looked at a retained job: the table's work, apart from map operations that
     * cost O(1) each. Guarded by {@code this}; read by the tests that hold the table to O(1) per call.
     */
    private long visits;

    /**
     * Creates an empty table.
     *
     * @param retentionNanos how long finished jobs are kept
     * @param maxRetained how many finished jobs are kept at most
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own)
     */
    JobTable(long retentionNanos, int maxRetained, LongSupplier nanoClock) {
        this.retentionNanos = retentionNanos;
        this.maxRetained = maxRetained;
        this.nanoClock = nanoClock;
    }

    /**
     * Claims {@code requestId} for a start about to run, unless a start already claimed it.
     *
     * @param claim completed by the caller with its job, or with {@code null} after {@link #release}
     * @return {@code null} if the caller now owns the request id, else the earlier claim to wait for
     */
    CompletableFuture<JobRecord> claim(String requestId, CompletableFuture<JobRecord> claim) {
        return byRequestId.putIfAbsent(requestId, claim);
    }

    /** Gives up a claim whose start was rejected, so a retry with the same request id starts afresh. */
    void release(String requestId, CompletableFuture<JobRecord> claim) {
        byRequestId.remove(requestId, claim);
    }

    /** Adds a job that is about to run. */
    void add(JobRecord job) {
        byToken.put(job.token(), job);
    }

    /** The job with this token, or {@code null} if it never existed or has expired. */
    JobRecord find(String token) {
        expire();
        return byToken.get(token);
    }

    /** Starts the retention of a job that just finished, and makes room if too many finished jobs are kept. */
    void finished(JobRecord job) {
        synchronized (this) {
            if (!byToken.containsKey(job.token())) {
                // cleared by close() meanwhile: nothing to retain
                return;
            }
            job.finishedAt(nanoClock.getAsLong());
            finished.addLast(job);
            while (finished.size() > maxRetained) {
                visits++;
                forget(finished.pollFirst());
            }
            updateNextExpiry();
        }
        expire();
    }

    /** Forgets the finished jobs whose retention is over. */
    void expire() {
        Long due = nextExpiry;
        if (due == null || nanoClock.getAsLong() - due < 0) {
            return;
        }
        synchronized (this) {
            long now = nanoClock.getAsLong();
            JobRecord head;
            while ((head = finished.peekFirst()) != null) {
                visits++;
                if (now - (head.finishedAt() + retentionNanos) < 0) {
                    break;
                }
                forget(finished.pollFirst());
            }
            updateNextExpiry();
        }
    }

    /** Every job still in the table, running or finished, and empties it. */
    List<JobRecord> clear() {
        synchronized (this) {
            List<JobRecord> all = new ArrayList<>(byToken.values());
            byToken.clear();
            byRequestId.clear();
            finished.clear();
            updateNextExpiry();
            return all;
        }
    }

    /** How many jobs are in the table, running or finished. */
    int size() {
        return byToken.size();
    }

    /** How many times expiry or eviction has looked at a retained job since the table was made. */
    synchronized long visits() {
        return visits;
    }

    /** How many request ids are remembered. */
    int requestIds() {
        return byRequestId.size();
    }

    private void forget(JobRecord job) {
        byToken.remove(job.token(), job);
        if (job.requestId() != null) {
            byRequestId.remove(job.requestId(), job.claim());
        }
    }

    private void updateNextExpiry() {
        JobRecord head = finished.peekFirst();
        nextExpiry = head == null ? null : head.finishedAt() + retentionNanos;
    }
}
