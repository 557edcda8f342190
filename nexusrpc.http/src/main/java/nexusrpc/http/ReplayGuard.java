package nexusrpc.http;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the callbacks a {@link CompletionReceiver} has delivered (or is delivering), so that each is delivered at
 * most once. Bounded in time (an id is forgotten when its credential expires: a replay after that is refused by the
 * verifier anyway) and in size (past {@code capacity} ids the oldest are forgotten first). Completions arrive at the
 * rate operations finish, so one lock is enough.
 */
final class ReplayGuard {
    private final int capacity;
    /** Callback id to its entry, in the order first seen (which is expiry order when the validity is fixed). */
    private final LinkedHashMap<String, Entry> seen = new LinkedHashMap<>();

    ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    private static final class Entry {
        final Instant expiresAt;
        boolean delivered;

        Entry(Instant expiresAt) {
            this.expiresAt = expiresAt;
        }
    }

    /** Claims a callback for delivery; false when it was delivered or is being delivered already. */
    synchronized boolean claim(VerifiedCallback callback) {
        Instant now = Instant.now();
        Iterator<Map.Entry<String, Entry>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> e = it.next();
            if (seen.size() >= capacity || e.getValue().expiresAt.isBefore(now)) {
                it.remove();
            } else {
                break;
            }
        }
        if (seen.containsKey(callback.callbackId())) {
            return false;
        }
        seen.put(callback.callbackId(), new Entry(callback.expiresAt()));
        return true;
    }

    /** The delivery of a claimed callback failed: the sender's retry may deliver it. */
    synchronized void release(VerifiedCallback callback) {
        Entry e = seen.get(callback.callbackId());
        if (e != null && !e.delivered) {
            seen.remove(callback.callbackId());
        }
    }

    /** The claimed callback was delivered. */
    synchronized void delivered(VerifiedCallback callback) {
        Entry e = seen.get(callback.callbackId());
        if (e != null) {
            e.delivered = true;
        }
    }

    synchronized int size() {
        return seen.size();
    }
}
