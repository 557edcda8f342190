package nexusrpc.http.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nexusrpc.api.Headers;

/** Reading requests from and writing responses to a {@link HttpExchange}, without extra copies. */
public final class Exchanges {
    private static final byte[] NO_BYTES = new byte[0];
    /** The most of a refused body that is read to keep its connection (see {@link #refuseBody}). */
    public static final int DISCARD_BUDGET = 1024 * 1024;

    private Exchanges() {}

    /** The body was larger than allowed; nothing beyond the limit was read. */
    public static final class BodyTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public BodyTooLargeException(long limit) {
            super("the request body is larger than the limit of " + limit + " bytes: send a smaller body", null,
                    false, false);
        }
    }

    /**
     * Reads the whole body into one array: exactly {@code Content-Length} bytes when the length is known,
     * otherwise up to {@code limit + 1} bytes.
     *
     * @throws BodyTooLargeException before reading if the declared length is over the limit, or as soon as more
     *     than {@code limit} bytes arrived
     * @throws IOException if the connection fails or the body is shorter than declared
     */
    public static byte[] readBody(HttpExchange ex, int limit) throws IOException, BodyTooLargeException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        InputStream in = ex.getRequestBody();
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new IOException("invalid Content-Length");
            }
            if (length > limit) {
                throw new BodyTooLargeException(limit);
            }
            if (length <= 0) {
                return NO_BYTES;
            }
            byte[] body = new byte[(int) length];
            int read = in.readNBytes(body, 0, body.length);
            if (read < body.length) {
                throw new IOException("the body ended after " + read + " of " + length + " declared bytes");
            }
            return body;
        }
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new BodyTooLargeException(limit);
        }
        return body.length == 0 ? NO_BYTES : body;
    }

    /**
     * Prepares the answer to a request whose body is refused as too large: reads and drops what is left of the
     * body if that is at most {@link #DISCARD_BUDGET} bytes, so the connection can serve the next request;
     * otherwise asks for the connection to be closed after the answer. Draining matters beyond keep-alive: closing
     * a socket with unread input sends a TCP reset, which can destroy the answer still on its way (the body of
     * the 413 is a second write, held back by Nagle's algorithm unless the JDK server runs with TCP_NODELAY).
     */
    public static void refuseBody(HttpExchange ex) {
        // a client that waits for "100 Continue" has not sent its body: reading it would ask for it first
        if (expectsContinue(ex) || !discard(ex)) {
            ex.getResponseHeaders().set("Connection", "close");
        }
    }

    private static boolean expectsContinue(HttpExchange ex) {
        String expect = ex.getRequestHeaders().getFirst("Expect");
        return expect != null && expect.trim().equalsIgnoreCase("100-continue");
    }

    /** Whether the rest of the body was read within the budget. */
    private static boolean discard(HttpExchange ex) {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        try {
            // readBody refuses a declared length before reading any of it: all of it is left
            if (declared != null && Long.parseLong(declared.trim()) > DISCARD_BUDGET) {
                return false;
            }
            InputStream in = ex.getRequestBody();
            byte[] sink = new byte[8192];
            long left = DISCARD_BUDGET;
            while (left > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return in.read() < 0;
        } catch (NumberFormatException | IOException e) {
            return false;
        }
    }

    /**
     * A request header's whole value: its values joined with ", " (what a list header means), or {@code null}.
     * Jetty's adapter hands over a header split at each comma outside quotes ({@code Wed, 02 Dec 2026 ...} as two
     * values), the JDK engine one value per header line.
     */
    public static String header(HttpExchange ex, String name) {
        return whole(ex.getRequestHeaders().get(name));
    }

    private static String whole(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    /**
     * The request headers, names lower-cased, each with its whole value (see {@link #header}), leaving out names
     * that start with one of the given prefixes.
     */
    public static Headers headers(HttpExchange ex, String... excludedPrefixes) {
        Map<String, String> out = new HashMap<>(ex.getRequestHeaders().size() * 2);
        outer:
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            String name = e.getKey().toLowerCase(Locale.ROOT);
            for (String p : excludedPrefixes) {
                if (name.startsWith(p)) {
                    continue outer;
                }
            }
            out.put(name, whole(e.getValue()));
        }
        return Headers.ofLowerCased(out);
    }

    /** The request headers with the given prefix, prefix removed, names lower-cased. */
    public static Headers prefixed(HttpExchange ex, String prefix, String skip) {
        Map<String, String> out = null;
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            String name = e.getKey();
            if (name.length() > prefix.length() && name.regionMatches(true, 0, prefix, 0, prefix.length())
                    && e.getValue() != null && !e.getValue().isEmpty()) {
                String stripped = name.substring(prefix.length()).toLowerCase(Locale.ROOT);
                if (stripped.equals(skip)) {
                    continue;
                }
                if (out == null) {
                    out = new HashMap<>(4);
                }
                out.put(stripped, whole(e.getValue()));
            }
        }
        return out == null ? Headers.empty() : Headers.ofLowerCased(out);
    }

    /**
     * Sends the response with a known length (no chunking) and closes the exchange. Failures to write mean the
     * caller went away; they are returned, not thrown, since nobody is left to answer.
     */
    public static IOException send(HttpExchange ex, int status, byte[] body) {
        // an answer to HEAD has no body (the JDK engine warns in its log for each one given a length)
        boolean withBody = body.length > 0 && !ex.getRequestMethod().equals("HEAD");
        try {
            ex.sendResponseHeaders(status, withBody ? body.length : -1);
            if (withBody) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            return null;
        } catch (IOException e) {
            return e;
        } finally {
            ex.close();
        }
    }
}
