package nexusrpc.http.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;

/**
 * What went wrong on the way to a server, said for people: what happened, at which address, and what to check.
 * {@code java.net.http} reports a refused connection as a {@code ConnectException} with no message at all (its cause
 * a {@code ClosedChannelException}, also without one) and an unknown host as an {@code UnresolvedAddressException},
 * so their messages alone read "null".
 */
public final class NetworkErrors {
    private NetworkErrors() {}

    /**
     * Whether an exchange that failed this way may succeed when tried again later: network failures and timeouts,
     * and this process running out of resources for a connection. {@code java.net.http} reports the last as an
     * {@code InternalError} around the {@code IOException} ("Too many open files") when it cannot open a socket, or
     * as a {@code RejectedExecutionException} when its executor refuses work; neither says anything about the
     * receiver, so giving up on them would lose completions a moment of load could not send.
     */
    public static boolean transientFailure(Throwable failure) {
        return find(failure, IOException.class) != null || find(failure, RejectedExecutionException.class) != null
                || find(failure, CancellationException.class) != null;
    }

    /** Whether {@code failure} says this process is out of file descriptors or local ports, not the peer's fault. */
    public static boolean localExhaustion(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("too many open files") || m.contains("cannot assign requested address")
                    || t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    /** A sentence about {@code failure}, a failed exchange with {@code target}. */
    public static String describe(Throwable failure, URI target) {
        String address = address(target);
        if (localExhaustion(failure)) {
            String why = firstMessage(failure);
            return "no connection to " + address + " could be opened: this process is out of resources ("
                    + (why == null ? failure.getClass().getSimpleName() : why) + "); open fewer connections at once or raise the limit (ulimit -n)";
        }
        if (find(failure, UnresolvedAddressException.class) != null || find(failure, UnknownHostException.class) != null) {
            return "the host name \"" + target.getHost() + "\" cannot be resolved: check the URL";
        }
        if (find(failure, HttpConnectTimeoutException.class) != null) {
            return "no connection to " + address + " within the connect timeout: is the host up, and does a firewall"
                    + " let the connection through?";
        }
        if (find(failure, HttpTimeoutException.class) != null) {
            return "no answer from " + address + " in time";
        }
        NoRouteToHostException noRoute = find(failure, NoRouteToHostException.class);
        if (noRoute != null) {
            return "no route to " + address + ": is the host up, and is the address right?";
        }
        ConnectException refused = find(failure, ConnectException.class);
        if (refused != null) {
            String detail = firstMessage(failure);
            return detail == null || detail.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused by " + address + ": is the server running, and listening on that port?"
                    : "cannot connect to " + address + ": " + detail;
        }
        String detail = firstMessage(failure);
        String lower = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        if (lower.contains("reset")) {
            return "the connection to " + address + " was reset by the server before it answered (did it restart or"
                    + " drop the request?)";
        }
        if (find(failure, EOFException.class) != null || lower.contains("received no bytes")
                || lower.contains("closed")) {
            return "the server at " + address + " closed the connection before it answered";
        }
        return "the exchange with " + address + " failed: " + (detail == null ? failure.getClass().getSimpleName()
                : detail);
    }

    /** host:port of {@code target}, with the scheme's default port when it names none. */
    static String address(URI target) {
        int port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        String host = target.getHost() == null ? String.valueOf(target) : target.getHost();
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The first message of the chain that says something: not a wrapper's copy of its cause's class name. */
    private static String firstMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()
                    && (t.getCause() == null || !t.getMessage().equals(t.getCause().toString()))) {
                return t.getMessage();
            }
        }
        return null;
    }
}
