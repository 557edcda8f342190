package nexusrpc.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that decides which header values are secrets and how they are shown: every {@code toString()},
 * log line, error message, MDC entry and telemetry attribute of this SDK that mentions headers goes through it,
 * so a bearer token or a completion secret never reaches a log file.
 *
 * <p>Sensitive are {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie}, any
 * name containing {@code secret}, {@code password}, {@code api-key}, {@code apikey} or {@code credential} (so
 * {@code Nexus-Callback-Completion-Secret} on the wire is covered too), the names given with the system property
 * {@value #PROPERTY} (comma-separated, read once) and those added with {@link #add(String...)}, each also under the
 * {@code Nexus-Callback-} prefix a callback header has on its way to the handler. Their values are shown as
 * {@value #REDACTED}. Names are compared without case. Thread-safe.
 */
@Api.Stable
public final class SensitiveHeaders {
    /** The system property listing further sensitive header names, comma-separated. */
    public static final String PROPERTY = "nexusrpc.sensitive-headers";
    /** What a sensitive value is shown as. */
    public static final String REDACTED = "<redacted>";

    private static final Set<String> BUILT_IN = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie");
    private static final String CALLBACK_PREFIX = "nexus-callback-";
    private static final String[] FRAGMENTS = {"secret", "password", "api-key", "apikey", "credential"};
    /** Replaced, never changed: readers need no lock. */
    private static volatile Set<String> added = initial();

    private SensitiveHeaders() {}

    private static Set<String> initial() {
        Set<String> names = new TreeSet<>();
        for (String n : System.getProperty(PROPERTY, "").split(",")) {
            if (!n.isBlank()) {
                names.add(n.strip().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(names);
    }

    /**
     * Marks more header names as sensitive, process-wide (header redaction happens in places that have no
     * configuration of their own, such as {@link Headers#toString()}). Adding a name twice is harmless.
     */
    public static synchronized void add(String... names) {
        add(java.util.Arrays.asList(names));
    }

    /** Marks more header names as sensitive, process-wide. */
    public static synchronized void add(Collection<String> names) {
        Set<String> next = new TreeSet<>(added);
        for (String n : names) {
            next.add(n.strip().toLowerCase(Locale.ROOT));
        }
        added = Set.copyOf(next);
    }

    /** Whether values of the header {@code name} are secrets. */
    public static boolean isSensitive(String name) {
        if (name == null) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith(CALLBACK_PREFIX)) {
            // a callback header on its way to the handler is as secret as when it comes back with the completion
            n = n.substring(CALLBACK_PREFIX.length());
        }
        if (BUILT_IN.contains(n) || added.contains(n)) {
            return true;
        }
        for (String f : FRAGMENTS) {
            if (n.contains(f)) {
                return true;
            }
        }
        return false;
    }

    /** The value as it may be shown: {@value #REDACTED} for a sensitive header, else the value itself. */
    public static String redact(String name, String value) {
        return value != null && isSensitive(name) ? REDACTED : value;
    }

    /** A copy of {@code headers} fit to show: the values of sensitive headers replaced by {@value #REDACTED}. */
    public static Map<String, String> redact(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> out.put(k, redact(k, v)));
        }
        return out;
    }

    /** The headers as text for a message, e.g. {@code {authorization=<redacted>, x-trace=1}}. */
    public static String toString(Map<String, String> headers) {
        return redact(headers).toString();
    }
}
