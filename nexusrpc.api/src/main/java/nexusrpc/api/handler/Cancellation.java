package nexusrpc.api.handler;

import java.util.ArrayList;
import java.util.List;

/**
 * Cancellation of one in-flight handler call (not of the operation): set when the request's deadline passes or
 * the transport gives up. Handlers poll {@link #isCancelled()} or register a callback. Thread-safe.
 */
public final class Cancellation {
    private volatile String reason;
    private List<Runnable> callbacks;

    /** Creates a signal that is not cancelled. */
    public Cancellation() {}

    /** Whether the call has been cancelled. */
    public boolean isCancelled() {
        return reason != null;
    }

    /** Why the call was cancelled, or {@code null} while it is not. */
    public String reason() {
        return reason;
    }

    /**
     * Cancels the call; the first reason wins and callbacks run once, on the cancelling thread.
     *
     * @return whether this call cancelled it (false if it already was)
     */
    public boolean cancel(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) {
                return false;
            }
            reason = why == null ? "cancelled" : why;
            toRun = callbacks;
            callbacks = null;
        }
        if (toRun != null) {
            for (Runnable r : toRun) {
                try {
                    r.run();
                } catch (RuntimeException ignored) {
                    // a failing callback must not stop the others, nor the canceller
                }
            }
        }
        return true;
    }

    /**
     * Runs {@code callback} when the call is cancelled; at once if it already is. Keep callbacks short (signal a
     * latch, interrupt a thread, cancel a future): they run on the cancelling thread, which for deadlines is a
     * timer shared by all calls.
     */
    public void onCancel(Runnable callback) {
        synchronized (this) {
            if (reason == null) {
                if (callbacks == null) {
                    callbacks = new ArrayList<>(2);
                }
                callbacks.add(callback);
                return;
            }
        }
        callback.run();
    }
}
