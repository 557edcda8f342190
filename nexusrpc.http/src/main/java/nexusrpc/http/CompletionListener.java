package nexusrpc.http;

/**
 * Caller code that takes completions from a {@link CompletionReceiver}. Throw a {@link
 * nexusrpc.api.HandlerException} to answer with its type's status (e.g. {@code NOT_FOUND} for an unknown
 * operation); any other exception answers {@code INTERNAL}, which makes the sender retry.
 */
@FunctionalInterface
public interface CompletionListener {
    /** Handles one completion; returning normally acknowledges it (200). */
    void onCompletion(ReceivedCompletion completion) throws Exception;
}
