package nexusrpc.opentelemetry.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps telemetry from failing the calls it observes: a span processor, exporter or metric callback of the
 * application's SDK may throw, and the call must go on as if nothing were installed. The first failure is logged
 * with its stack trace, later ones at debug level (a broken exporter would otherwise log on every call).
 */
final class Guard {
    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private Guard() {}

    /** Runs {@code action}, swallowing (and logging) what it throws. */
    static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** {@code action}'s value, or {@code fallback}'s if it throws. */
    static <T> T get(Supplier<T> action, Supplier<T> fallback) {
        try {
            return action.get();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
            return fallback.get();
        }
    }

    private static void failed(Throwable e) {
        if (LOGGED.compareAndSet(false, true)) {
            LOG.warn("OpenTelemetry failed while observing a Nexus call; the call goes on untraced (later failures"
                    + " are logged at debug level)", e);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("OpenTelemetry failed while observing a Nexus call", e);
        }
    }
}
