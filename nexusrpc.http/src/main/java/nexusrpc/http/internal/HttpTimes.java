package nexusrpc.http.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The two timestamp formats of completions: HTTP dates (start time) and RFC 3339 (close time). */
public final class HttpTimes {
    /** IMF-fixdate, the preferred HTTP-date form (two-digit day, always GMT). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** RFC 3339 in UTC with exactly millisecond resolution, as the spec asks for "milliseconds or finer". */
    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpTimes() {}

    /** Formats an instant as an HTTP date, e.g. {@code Tue, 03 Jun 2025 11:05:30 GMT}. */
    public static String httpDate(Instant t) {
        return HTTP_DATE.format(t);
    }

    /**
     * Parses an HTTP date (RFC 1123 form).
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static Instant parseHttpDate(String s) {
        try {
            return ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "invalid HTTP date \"" + s + "\": expected e.g. Tue, 03 Jun 2025 11:05:30 GMT");
        }
    }

    /** Formats an instant as RFC 3339 with milliseconds, e.g. {@code 2025-06-03T11:05:30.123Z}. */
    public static String rfc3339(Instant t) {
        return RFC_3339_MILLIS.format(t);
    }

    /**
     * Parses an RFC 3339 timestamp with any offset and fraction.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static Instant parseRfc3339(String s) {
        try {
            return OffsetDateTime.parse(s.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "invalid RFC 3339 timestamp \"" + s + "\": expected e.g. 2025-06-03T11:05:30.123Z");
        }
    }
}
