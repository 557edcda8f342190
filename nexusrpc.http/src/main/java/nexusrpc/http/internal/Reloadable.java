package nexusrpc.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value loaded from files and loaded again when they change: {@link #current()} looks at the files' modification
 * times and sizes at most once per check interval (on the thread that asks: a TLS handshake), so a server or
 * client picks up renewed certificates without a restart. A load that fails keeps the value loaded before and logs a
 * WARN with the loader's message (which names the file and the problem), once per change of the files.
 *
 * <p>The value loaded before the current one stays available ({@link #previous()}): a handshake that chose a key
 * just before a reload can still find it.
 *
 * @param <T> what is loaded
 */
public final class Reloadable<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Reloadable.class);

    private final String what;
    private final List<Path> files;
    private final long intervalNanos;
    private final Supplier<T> loader;
    private volatile T current;
    private volatile T previous;
    private volatile long nextCheck;
    /** The files' stamps when {@link #current} was loaded, and when a load last failed (not tried again). */
    private List<String> loadedStamps;
    private List<String> failedStamps;

    /**
     * Loads the value once (a failure is thrown: a server must not start with broken material).
     *
     * @param what what is loaded, for the log (e.g. "TLS key and certificate chain")
     * @param files the files the loader reads; none: never reloaded
     * @param interval how often at most the files are looked at
     * @param loader loads the value; throws {@link IllegalArgumentException} with a message that names the file
     */
    public Reloadable(String what, List<Path> files, Duration interval, Supplier<T> loader) {
        this.what = what;
        this.files = List.copyOf(files);
        this.intervalNanos = interval.toNanos();
        this.loader = loader;
        this.loadedStamps = stamps();
        this.current = loader.get();
        this.nextCheck = System.nanoTime() + intervalNanos;
    }

    /** The value, loaded again first if the check interval has passed and the files changed. */
    public T current() {
        if (!files.isEmpty() && System.nanoTime() - nextCheck >= 0) {
            check();
        }
        return current;
    }

    /** The value before the current one, or null. */
    public T previous() {
        return previous;
    }

    private synchronized void check() {
        if (System.nanoTime() - nextCheck < 0) {
            return;
        }
        nextCheck = System.nanoTime() + intervalNanos;
        // the stamps are taken before reading: a file written during the load is seen changed at the next check
        List<String> stamps = stamps();
        if (stamps.equals(loadedStamps) || stamps.equals(failedStamps)) {
            return;
        }
        try {
            T value = loader.get();
            install(value, stamps);
            LOG.info("reloaded the {} from {}", what, files);
        } catch (RuntimeException e) {
            failedStamps = stamps;
            LOG.warn("could not reload the {}: {}; new connections keep using the one loaded before", what,
                    e.getMessage());
        }
    }

    /**
     * Loads the value again now, whether or not the files changed.
     *
     * @throws IllegalArgumentException if the files are broken (the value loaded before stays in use)
     */
    public synchronized void reload() {
        List<String> stamps = stamps();
        install(loader.get(), stamps);
        LOG.info("reloaded the {} from {}", what, files);
    }

    private void install(T value, List<String> stamps) {
        previous = current;
        current = value;
        loadedStamps = stamps;
        failedStamps = null;
    }

    /** Whether there are files to reload from. */
    public boolean fromFiles() {
        return !files.isEmpty();
    }

    private List<String> stamps() {
        List<String> stamps = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                stamps.add(Files.getLastModifiedTime(f).toMillis() + "/" + Files.size(f));
            } catch (IOException e) {
                stamps.add("unreadable");
            }
        }
        return stamps;
    }
}
