package nexusrpc.api;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Immutable, case-insensitive header map (keys are stored lower-case).
 *
 * <p>Built once per request at the transport boundary; lookups lower-case only the probe key, so reading a
 * header does not copy the map (a cost the official SDK pays on every call).
 */
public final class Headers extends AbstractMap<String, String> {
    private static final Headers EMPTY = new Headers(Map.of());

    /**
     * Held without an unmodifiable wrapper: lookups then call the map directly instead of through a wrapper
     * whose inner call site is shared by every wrapped map in the JVM (and so never inlined); {@link #entrySet()}
     * wraps on demand, so the map still cannot be changed through this object.
     */
    private final Map<String, String> lowerCased;

    private Headers(Map<String, String> lowerCased) {
        this.lowerCased = lowerCased;
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** Copies a map, lower-casing its keys; a later key that differs only by case wins. */
    public static Headers of(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return EMPTY;
        }
        if (headers instanceof Headers) {
            return (Headers) headers;
        }
        Map<String, String> copy = new HashMap<>(headers.size() * 2);
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                copy.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        return new Headers(copy);
    }

    /** Headers from alternating names and values. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected names and values in pairs, got an odd count");
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(m);
    }

    /**
     * Wraps a map whose keys the caller guarantees to be lower-case already and never to change (a transport
     * building headers itself); no copy is made.
     */
    public static Headers ofLowerCased(Map<String, String> lowerCased) {
        return lowerCased.isEmpty() ? EMPTY : new Headers(lowerCased);
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof String)) {
            return null;
        }
        String k = (String) key;
        String v = lowerCased.get(k);
        return v != null ? v : lowerCased.get(k.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return lowerCased.size();
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return Collections.unmodifiableMap(lowerCased).entrySet();
    }

    /** The headers with the values of sensitive ones (see {@link SensitiveHeaders}) shown as {@code <redacted>}. */
    @Override
    public String toString() {
        return SensitiveHeaders.toString(this);
    }
}
