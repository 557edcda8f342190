package jlink.demo.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Expiry and bounds of the job table, on a clock the test moves. */
class JobTableTest {
    private static final long RETENTION = 1_000;

    /** Starts near the wrap-around of nanoTime, which the table must survive. */
    private final AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 500);
    private final JobTable table = new JobTable(RETENTION, 3, clock::get);

    /** Adds a job with a request id, as the handler does: claim, then add. */
    private JobRecord job(String token) {
        CompletableFuture<JobRecord> claim = new CompletableFuture<>();
        assertNull(table.claim("req-" + token, claim));
        JobRecord job = new JobRecord(token, "req-" + token, claim, null);
        claim.complete(job);
        table.add(job);
        return job;
    }

    @Test
    void aFinishedJobIsKeptForTheRetentionThenForgottenWithItsRequestId() {
        JobRecord job = job("a");
        table.finished(job);

        clock.addAndGet(RETENTION - 1);
        assertSame(job, table.find("a"));
        assertEquals(1, table.requestIds());

        clock.addAndGet(1);
        assertNull(table.find("a"));
        assertEquals(0, table.requestIds());
        assertNull(table.claim("req-a", new CompletableFuture<>()), "the request id can start a new job");
    }

    @Test
    void runningJobsNeverExpire() {
        job("running");
        clock.addAndGet(RETENTION * 1000);
        table.finished(job("other"));
        clock.addAndGet(RETENTION * 1000);

        assertEquals("running", table.find("running").token());
        assertNull(table.find("other"));
    }

    @Test
    void jobsExpireInTheOrderTheyFinished() {
        JobRecord first = job("first");
        JobRecord second = job("second");
        table.finished(second);
        clock.addAndGet(10);
        table.finished(first);

        clock.addAndGet(RETENTION - 10);
        assertNull(table.find("second"), "finished first, expires first");
        assertSame(first, table.find("first"));
        clock.addAndGet(10);
        assertNull(table.find("first"));
        assertEquals(0, table.size());
    }

    @Test
    void beyondMaxRetainedTheJobThatFinishedFirstIsForgottenAtOnce() {
        JobRecord running = job("running");
        JobRecord[] done = {job("1"), job("2"), job("3"), job("4")};
        for (JobRecord j : done) {
            table.finished(j);
            clock.incrementAndGet();
        }

        assertNull(table.find("1"));
        assertSame(done[1], table.find("2"));
        assertSame(done[3], table.find("4"));
        assertSame(running, table.find("running"));
        assertEquals(4, table.size(), "three finished jobs and the running one");
        assertEquals(4, table.requestIds(), "request ids are bounded with the jobs");
    }

    /**
     * The table's work per start, counted (not timed): with 1,000 and with 100,000 finished jobs retained, a start
     * (as the handler makes it: expire, claim, add; the job finishing) looks at the same small number of retained
     * jobs, about two: the one that expires and the next, which does not yet. A table that walked its jobs on each
     * start would look at thousands.
     */
    @Test
    void workPerStartDoesNotGrowWithTheJobsRetained() {
        for (int retained : new int[] {1_000, 100_000}) {
            AtomicLong ticks = new AtomicLong(Long.MAX_VALUE - 50_000); // across nanoTime's wrap-around too
            // one tick per start and a retention of `retained` ticks: in the steady state each start expires one job
            JobTable t = new JobTable(retained, 1_000_000, ticks::get);
            int n = 0;
            for (; n < retained; n++) {
                startAndFinish(t, "w" + n);
                ticks.incrementAndGet();
            }
            long before = t.visits();
            int measured = 10_000;
            for (int i = 0; i < measured; i++, n++) {
                startAndFinish(t, "m" + n);
                ticks.incrementAndGet();
            }
            double perStart = (double) (t.visits() - before) / measured;
            assertTrue(perStart <= 2.5, retained + " retained: " + perStart + " jobs looked at per start");
            assertTrue(t.size() <= retained + 1, "bounded by the retention: " + t.size());
            assertEquals(t.size(), t.requestIds(), "one request id per job, no more");
        }
    }

    /** What one start with a request id does to the table, as the handler does it, for a job that ends at once. */
    private static void startAndFinish(JobTable t, String token) {
        t.expire();
        CompletableFuture<JobRecord> claim = new CompletableFuture<>();
        assertNull(t.claim("req-" + token, claim));
        JobRecord job = new JobRecord(token, "req-" + token, claim, null);
        claim.complete(job);
        t.add(job);
        t.finished(job);
    }

    @Test
    void beyondMaxRetainedEachFinishEvictsOneJobAndLooksAtNoOther() {
        JobTable t = new JobTable(Long.MAX_VALUE / 4, 50_000, clock::get);
        for (int i = 0; i < 50_000; i++) {
            startAndFinish(t, "fill" + i);
        }
        long before = t.visits();
        for (int i = 0; i < 10_000; i++) {
            startAndFinish(t, "over" + i);
        }
        assertEquals(10_000, t.visits() - before, "one eviction per finish, nothing walked");
        assertEquals(50_000, t.size());
        assertEquals(50_000, t.requestIds());
    }

    @Test
    void aReleasedClaimLetsTheNextStartClaimTheRequestId() {
        CompletableFuture<JobRecord> rejected = new CompletableFuture<>();
        assertNull(table.claim("req", rejected));
        CompletableFuture<JobRecord> retry = new CompletableFuture<>();
        assertSame(rejected, table.claim("req", retry), "claimed: the retry waits for the first start");

        table.release("req", rejected);

        assertNull(table.claim("req", retry));
    }

    @Test
    void aJobFinishingAfterClearIsNotRetained() {
        JobRecord job = job("a");
        assertEquals(1, table.clear().size());

        table.finished(job);

        assertEquals(0, table.size());
        assertEquals(0, table.requestIds());
    }
}
