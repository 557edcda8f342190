package nexusrpc.handler.transport;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The one duration grammar of the SDK, used by every transport for {@code Request-Timeout}, {@code
 * Operation-Timeout} and long-poll waits over HTTP and {@code request-timeout} / {@code operation-timeout} on
 * Temporal Nexus tasks. It is Go's {@code time.Duration} syntax, which contains the Nexus protocol's ({@code 500ms},
 * {@code 1.5s}, {@code 2m}): Temporal's server writes these headers with Go's {@code Duration.String()}, so a
 * request timeout of a minute arrives as {@code 1m0s}, one close to its end as {@code 850µs}, and an expired one as
 * a negative value. An optional sign, then one or more decimal numbers each followed by a unit: {@code ns}, {@code
 * us} (or {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}; or {@code 0}. A value outside it is the
 * caller's mistake, answered {@code BAD_REQUEST} with {@link #parse}'s message on every transport. Negative
 * durations are returned as they are: a timeout that has already run out.
 */
public final class NexusDurations {
    /** Longer durations are refused: nobody means a timeout of a year, and it keeps arithmetic far from overflow. */
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Duration.ofDays(365).toNanos());

    private NexusDurations() {}

    /**
     * Parses {@code 100ms}, {@code 1.5s}, {@code 2m}, {@code 1m0.5s}, {@code 850µs}, {@code -2s}.
     *
     * @throws IllegalArgumentException with a message that shows the expected syntax
     */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim();
        if (v.length() > 64) {
            throw invalid(v.substring(0, 64) + "...");
        }
        int i = 0;
        boolean negative = false;
        if (!v.isEmpty() && (v.charAt(0) == '-' || v.charAt(0) == '+')) {
            negative = v.charAt(0) == '-';
            i++;
        }
        if (v.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        BigDecimal nanos = BigDecimal.ZERO;
        boolean any = false;
        while (i < v.length()) {
            int start = i;
            while (i < v.length() && (isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
                i++;
            }
            String number = v.substring(start, i);
            int unitStart = i;
            while (i < v.length() && !isDigit(v.charAt(i)) && v.charAt(i) != '.') {
                i++;
            }
            long unit = unitNanos(v.substring(unitStart, i));
            if (!isDecimal(number) || unit < 0) {
                throw invalid(value);
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
            if (nanos.compareTo(MAX_NANOS) > 0) {
                throw new IllegalArgumentException("duration \"" + value + "\" is too long: at most 365 days");
            }
            any = true;
        }
        if (!any) {
            throw invalid(value);
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
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
            throw new IllegalArgumentException(headerMessage(name, e), e);
        }
    }

    /**
     * The message {@link #parseHeader} gives for an unreadable {@code value} of header {@code name}, or {@code null}
     * if the value is readable: what every transport answers {@code BAD_REQUEST} with.
     */
    public static String parseHeaderMessage(String name, String value) {
        try {
            parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            return headerMessage(name, e);
        }
    }

    private static String headerMessage(String name, IllegalArgumentException e) {
        return "invalid " + name + " header: " + e.getMessage();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Digits with at most one dot and at least one digit ({@code 5}, {@code 1.5}, {@code .5}, {@code 5.}). */
    private static boolean isDecimal(String s) {
        if (s.isEmpty() || s.length() > 30 || s.equals(".")) {
            return false;
        }
        return s.indexOf('.') == s.lastIndexOf('.');
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
            case "\u00b5s": // micro sign
            case "\u03bcs": // Greek small letter mu
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                return -1;
        }
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("invalid duration \"" + value
                + "\": expected a number followed by a unit (ms, s, m; also ns, us, h), e.g. 500ms, 10s, 1.5m or"
                + " 1m30s");
    }

    /** Formats a duration in whole milliseconds ({@code 1500ms}); negative durations format as {@code 0ms}. */
    public static String format(Duration d) {
        return Math.max(0, d.toMillis()) + "ms";
    }
}
