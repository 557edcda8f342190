package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.handler.internal.Deadlines;
import org.junit.jupiter.api.Test;

/**
 * The engine's deadline registry under more calls in flight than it has slots: calls from one thread overflow its
 * home slots into the overflow set, and every call is still answered exactly once, by its handler if that returns
 * first, else at its deadline.
 */
class DeadlineSweepTest {
    private static final int CALLS = 3_000; // more than the sweeper's 1,024 slots

    @Test
    void everyCallIsAnsweredOnceWhenSlotsOverflow() throws InterruptedException {
        long now = System.currentTimeMillis();
        CountDownLatch oddsExpired = new CountDownLatch(CALLS / 2);
        Map<Integer, List<String>> replies = new ConcurrentHashMap<>();
        List<Deadlines.Call<String>> calls = new ArrayList<>();
        List<Cancellation> cancellations = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            int id = i;
            Cancellation c = new Cancellation();
            cancellations.add(c);
            // odd calls are due at once; even ones later (but near enough to be swept every tick)
            long due = now + (i % 2 == 1 ? 50 : 1_500);
            if (id % 2 == 1) {
                // the answer goes first, the cancellation right after it: count the later
                c.onCancel(oddsExpired::countDown);
            }
            calls.add(Deadlines.Call.arm(due, c,
                    answer -> replies.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(answer), "expired"));
        }
        int doneInTime = 0;
        Map<Integer, String> finished = new ConcurrentHashMap<>();
        for (int i = 0; i < CALLS; i += 2) {
            String answer = calls.get(i).finish("done " + i);
            finished.put(i, answer);
            doneInTime += answer.equals("done " + i) ? 1 : 0;
        }
        assertTrue(oddsExpired.await(10, TimeUnit.SECONDS), "the odd calls were not all answered at the deadline");
        assertTrue(doneInTime > 0, "no call returned before its deadline");
        for (int i = 1; i < CALLS; i += 2) {
            // a late return gets the answer already given, and is not handed to the reply again
            finished.put(i, calls.get(i).finish("late " + i));
            assertEquals("expired", finished.get(i));
        }
        for (int i = 0; i < CALLS; i++) {
            List<String> got = replies.get(i);
            assertEquals(1, got == null ? 0 : got.size(), "call " + i + " answered " + got);
            // the reply saw what finish returned, and only a call answered at its deadline was cancelled
            boolean expired = got.get(0).equals("expired");
            assertEquals(expired, awaitCancelled(cancellations.get(i), expired), "call " + i + ": " + got);
            assertEquals(got.get(0), finished.get(i), "call " + i);
        }
    }

    /** Whether {@code c} is cancelled, waiting for it a little if it is {@code expected} to be. */
    private static boolean awaitCancelled(Cancellation c, boolean expected) throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        c.onCancel(cancelled::countDown);
        return expected ? cancelled.await(10, TimeUnit.SECONDS) : c.isCancelled();
    }

    @Test
    void aDeadlineJustPassedIsOverdueAndOneAheadIsNot() {
        long now = System.currentTimeMillis();
        assertTrue(Deadlines.overdue(now - 1));
        assertTrue(Deadlines.overdue(Long.MIN_VALUE));
        assertTrue(!Deadlines.overdue(now + 60_000));
        assertTrue(!Deadlines.overdue(Long.MAX_VALUE));
    }
}
