package nexusrpc.handler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.handler.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * Calls due far ahead (long polls) are not swept every tick, so that thousands of waiting callers cost the
 * sweeper nothing per tick; they still expire on time once they come near.
 */
class FarDeadlinesTest {
    @Test
    void aCallDueMinutesAheadWaitsInTheFarSetAndLeavesItWhenAnswered() {
        int nearBefore = Deadlines.armed()[0];
        int farBefore = Deadlines.armed()[1];
        Deadlines.Call<String> call = Deadlines.Call.arm(System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5),
                new Cancellation(), null, "expired");
        assertEquals(farBefore + 1, Deadlines.armed()[1], "armed in the far set");
        assertEquals(nearBefore, Deadlines.armed()[0], "not among the calls swept every tick");
        assertEquals("answered", call.finish("answered"));
        assertEquals(farBefore, Deadlines.armed()[1], "finishing removes it");
    }

    @Test
    void aFarCallStillExpiresAtItsDeadline() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Cancellation cancellation = new Cancellation();
        Deadlines.Call<String> call = Deadlines.Call.arm(System.currentTimeMillis() + Deadlines.FAR_MILLIS + 300,
                cancellation, reply::complete, "expired");
        CountDownLatch cancelled = new CountDownLatch(1);
        cancellation.onCancel(cancelled::countDown);
        assertEquals("expired", reply.get(30, TimeUnit.SECONDS));
        // the answer goes first, the cancellation right after it
        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
        assertEquals("expired", call.finish("too late"), "a late answer is dropped");
        assertFalse(reply.isCompletedExceptionally());
    }

    @Test
    void aFarCallAnsweredAfterItCameNearLeavesTheSweep() throws Exception {
        int nearBefore = Deadlines.armed()[0];
        Deadlines.Call<String> call = Deadlines.Call.arm(System.currentTimeMillis() + Deadlines.FAR_MILLIS + 400,
                new Cancellation(), null, "expired");
        // within a far sweep of coming near, it is moved to the every-tick sweep
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Deadlines.armed()[0] == nearBefore && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(nearBefore + 1, Deadlines.armed()[0], "moved to the every-tick sweep when near");
        assertEquals("answered", call.finish("answered"));
        assertEquals(nearBefore, Deadlines.armed()[0], "finishing removes it from there too");
    }
}
