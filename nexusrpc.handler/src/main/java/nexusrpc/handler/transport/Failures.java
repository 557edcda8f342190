package nexusrpc.handler.transport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.IdentityHashMap;
import java.util.Map;
import nexusrpc.api.Failure;
import nexusrpc.api.FailureException;

/**
 * Converts exceptions to wire {@link Failure}s, hiding stack traces and class names unless asked to show them. The
 * one converter behind {@link HandlerError#of}, {@link OperationFailure#of} and {@link OperationCompletion#of}.
 */
public final class Failures {
    private static final int MAX_CAUSES = 16;

    private Failures() {}

    /**
     * The failure for {@code t}: its message and its causes' messages. With {@code includeStackTraces}, stack
     * traces too. A {@link FailureException} (received from a peer) is passed on unchanged.
     */
    public static Failure of(Throwable t, boolean includeStackTraces) {
        return of(t, includeStackTraces, new IdentityHashMap<>(), 0);
    }

    private static Failure of(Throwable t, boolean stacks, Map<Throwable, Boolean> seen, int depth) {
        if (t instanceof FailureException) {
            return ((FailureException) t).failure();
        }
        seen.put(t, Boolean.TRUE);
        Throwable cause = t.getCause();
        Failure causeFailure = cause == null || seen.containsKey(cause) || depth >= MAX_CAUSES
                ? null
                : of(cause, stacks, seen, depth + 1);
        String message = t.getMessage() == null ? "" : t.getMessage();
        String stack = stacks ? stackTrace(t) : null;
        return new Failure(message, stack, Map.of(), null, causeFailure);
    }

    /** The stack trace of {@code t} as text. */
    public static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
