package jlink.demo.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
