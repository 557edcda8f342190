package nexusrpc.handler.transport;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The one duration grammar of the Nexus protocol, used by every transport for {@code Request-Timeout}, {@code
 * Operation-Timeout} and long-poll waits: a non-negative decimal number followed by {@code ms}, {@code s} or
 * {@code m} ({@code 500ms}, {@code 1.5s}, {@code 2m}). A value outside it is the caller's mistake, answered
 * {@code BAD_REQUEST} with {@link #parse}'s message on every transport.
 */
public final class NexusDurations {
    /** Longer durations are refused: nobody means a timeout of a year, and it keeps arithmetic far from overflow. */
    private static final Duration MAX = Duration.ofDays(365);

    private NexusDurations() {}

    /**
     * Parses {@code 100ms}, {@code 1.5s}, {@code 2m}.
     *
     * @throws IllegalArgumentException with a message that shows the expected syntax
     */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim();
        int unitStart = v.length();
        while (unitStart > 0 && Character.isLetter(v.charAt(unitStart - 1))) {
            unitStart--;
        }
        String number = v.substring(0, unitStart);
        long factorNanos;
        switch (v.substring(unitStart)) {
            case "ms":
                factorNanos = 1_000_000L;
                break;
            case "s":
                factorNanos = 1_000_000_000L;
                break;
            case "m":
                factorNanos = 60_000_000_000L;
                break;
            default:
                throw invalid(value);
        }
        if (!isDecimal(number)) {
            throw invalid(value);
        }
        BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(factorNanos));
        if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
            throw new IllegalArgumentException("duration \"" + value + "\" is too long: at most 365 days");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * Parses the header {@code name}'s value, or returns {@code null} when the header is absent.
     *
     * @throws IllegalArgumentException naming the header and the expected syntax
     */
    public static Duration parseHeader(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + name + " header: " + e.getMessage(), e);
        }
    }

    private static boolean isDecimal(String s) {
        if (s.isEmpty() || s.length() > 30) {
            return false;
        }
        int dot = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (dot >= 0 || i == 0 || i == s.length() - 1) {
                    return false;
                }
                dot = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("invalid duration \"" + value
                + "\": expected a number followed by ms, s or m, e.g. 500ms, 10s or 1.5m");
    }

    /** Formats a duration in whole milliseconds ({@code 1500ms}); negative durations format as {@code 0ms}. */
    public static String format(Duration d) {
        return Math.max(0, d.toMillis()) + "ms";
    }
}
