package nexusrpc.http.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import nexusrpc.api.Headers;
import nexusrpc.api.SensitiveHeaders;

/** What the client and the completion sender share when they build requests. */
public final class Outbound {
    /** The User-Agent of requests this SDK sends. */
    public static final String USER_AGENT = "nexusrpc-java-http";
    /** Headers java.net.http refuses or manages itself: never copied from caller-provided maps. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("connection", "content-length", "date", "expect",
            "from", "host", "upgrade", "via", "warning", "te", "trailer", "transfer-encoding", "keep-alive");

    private Outbound() {}

    /** The default client: HTTP/1.1 (no h2c upgrade dance on plain http), 10 s connect timeout. */
    public static HttpClient defaultClient() {
        return defaultClientBuilder().build();
    }

    /** The default client's settings, for more (TLS, a proxy selector) to be added. */
    public static HttpClient.Builder defaultClientBuilder() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
    }

    /** Whether a caller-provided header (name in lower case, as {@link Headers} keeps it) may be set on a request. */
    public static boolean forwardable(String lowerCaseName) {
        return !TRANSPORT_HEADERS.contains(lowerCaseName);
    }

    /** Sets a content's headers as {@code Content-*} headers (the length is java.net.http's business). */
    public static void contentHeaders(HttpRequest.Builder b, Headers contentHeaders) {
        for (Map.Entry<String, String> e : contentHeaders.entrySet()) {
            if (!e.getKey().equals("length")) {
                b.setHeader("Content-" + e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Sets a header from caller- or peer-provided data. java.net.http quotes the whole value when it refuses one; this
     * says which header instead, showing the value only when it is not a secret ({@link SensitiveHeaders}), so a
     * refused token never reaches an error message or a log.
     *
     * @throws IllegalArgumentException if the name or value is not valid in HTTP
     */
    public static void setHeader(HttpRequest.Builder b, String name, String value) {
        try {
            b.setHeader(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid header \"" + name + "\": value \""
                    + SensitiveHeaders.redact(name, value) + "\" is not allowed in HTTP (control characters?)");
        }
    }
}
