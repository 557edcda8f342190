package temporal.nexus.internal;

import java.time.Duration;

/**
 * Parses durations in the form Temporal and Nexus put in headers ({@code request-timeout: 9.5s}): Go's
 * notation, a sequence of decimal numbers each with a unit {@code ns us µs ms s m h}, e.g. {@code 1m30s}.
 */
public final class GoDuration {
    private GoDuration() {}

    /** The duration, or {@code null} if the text is absent or not a valid duration (a bad header is ignored). */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        double nanos = 0;
        int i = 0;
        int n = text.length();
        boolean negative = false;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            negative = text.charAt(0) == '-';
            i++;
        }
        if (i < n && text.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        boolean any = false;
        while (i < n) {
            int start = i;
            while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                return null;
            }
            double value;
            try {
                value = Double.parseDouble(text.substring(start, i));
            } catch (NumberFormatException e) {
                return null;
            }
            int unitStart = i;
            while (i < n && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            double unit = unitNanos(text.substring(unitStart, i));
            if (unit < 0) {
                return null;
            }
            nanos += value * unit;
            any = true;
        }
        if (!any || nanos > Long.MAX_VALUE) {
            return null;
        }
        Duration d = Duration.ofNanos((long) nanos);
        return negative ? d.negated() : d;
    }

    private static double unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1;
            case "us":
            case "µs":
            case "μs":
                return 1e3;
            case "ms":
                return 1e6;
            case "s":
                return 1e9;
            case "m":
                return 60e9;
            case "h":
                return 3600e9;
            default:
                return -1;
        }
    }
}
