package nexusrpc.benchmarks.dispatch;

import java.nio.charset.StandardCharsets;

/** JSON bodies of an exact size in bytes. */
public final class Payloads {
    private static final String PREFIX = "{\"message\":\"";
    private static final String SUFFIX = "\"}";

    private Payloads() {}

    /**
     * An {@link Echo} in JSON of exactly {@code size} bytes (at least 16): {@code {"message":"hi"}} is 16.
     */
    public static byte[] echoJson(int size) {
        int textLength = size - PREFIX.length() - SUFFIX.length();
        if (textLength < 2) {
            throw new IllegalArgumentException("an echo payload needs at least 16 bytes, not " + size);
        }
        StringBuilder text = new StringBuilder(textLength);
        if (textLength == 2) {
            text.append("hi");
        } else {
            for (int i = 0; i < textLength; i++) {
                text.append((char) ('a' + i % 26));
            }
        }
        return (PREFIX + text + SUFFIX).getBytes(StandardCharsets.UTF_8);
    }
}
