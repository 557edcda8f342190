package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        long due = System.currentTimeMillis() + 300;
        CountDownLatch expiredAll = new CountDownLatch(CALLS / 2);
        Map<Integer, AtomicInteger> replies = new ConcurrentHashMap<>();
        List<Deadlines.Call<String>> calls = new ArrayList<>();
        List<Cancellation> cancellations = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            int id = i;
            Cancellation c = new Cancellation();
            cancellations.add(c);
            calls.add(Deadlines.Call.arm(due, c, answer -> {
                replies.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (answer.equals("expired")) {
                    expiredAll.countDown();
                }
            }, "expired"));
        }
        // the even calls return in time, from the arming thread, in the order they were armed
        for (int i = 0; i < CALLS; i += 2) {
            assertEquals("done " + i, calls.get(i).finish("done " + i));
        }
        assertTrue(expiredAll.await(10, TimeUnit.SECONDS), "the odd calls were not all answered at the deadline");
        for (int i = 1; i < CALLS; i += 2) {
            // a late return gets the answer already given, and is not handed to the reply again
            assertEquals("expired", calls.get(i).finish("late " + i));
            assertTrue(cancellations.get(i).isCancelled(), "call " + i + " was not cancelled at its deadline");
        }
        for (int i = 0; i < CALLS; i += 2) {
            assertTrue(!cancellations.get(i).isCancelled(), "call " + i + " returned in time but was cancelled");
        }
        assertEquals(CALLS, replies.size());
        replies.forEach((id, n) -> assertEquals(1, n.get(), "call " + id + " was answered " + n + " times"));
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
