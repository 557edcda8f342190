package reliability.tests;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.Headers;
import nexusrpc.handler.transport.CompletionDelivery;
import nexusrpc.handler.transport.OperationCompletion;

/**
 * At most {@code limit} completions on their way at once; the others wait in a queue, without a thread.
 *
 * <p>Why the soak needs it: {@code CompletionSender} starts every delivery at once, one connection each, so while a
 * receiver is down or slow thousands of deliveries retry in parallel; measured on this soak without it: 14,000 open
 * descriptors, attempts timing out at a receiver that had processed them (duplicates), and deliveries given up
 * (lost). Reported for the HTTP transport to bound in the sender itself; this wrapper is the behaviour wanted.
 */
final class BoundedDelivery implements CompletionDelivery {
    private final CompletionDelivery next;
    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    BoundedDelivery(CompletionDelivery next, int limit) {
        this.next = next;
        this.limit = limit;
    }

    @Override
    public CompletableFuture<Void> deliver(String callbackUrl, Headers callbackHeaders, OperationCompletion c) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.add(() -> {
            CompletableFuture<Void> sent;
            try {
                sent = next.deliver(callbackUrl, callbackHeaders, c);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((ok, failure) -> {
                inFlight.decrementAndGet();
                drain();
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(null);
                }
            });
        });
        drain();
        return done;
    }

    /** Starts waiting deliveries while fewer than {@code limit} are on their way. */
    private void drain() {
        while (!waiting.isEmpty()) {
            int n = inFlight.get();
            if (n >= limit) {
                return;
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            Runnable r = waiting.poll();
            if (r == null) {
                inFlight.decrementAndGet();
                // a delivery queued after the isEmpty check may have found the slot taken: look again
                continue;
            }
            r.run();
        }
    }

    /** Deliveries queued, not yet started. */
    int waiting() {
        return waiting.size();
    }
}
