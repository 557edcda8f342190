package nexusrpc.http;

import nexusrpc.api.Headers;

/**
 * Decides whether a completion arriving at a {@link CompletionReceiver} really comes from the handler the caller
 * handed the callback to, from its headers alone (before its body is read). {@link CallbackSecrets} is the
 * built-in one; implement this for a scheme of your own.
 *
 * <p>Refuse by throwing a {@link nexusrpc.api.HandlerException} of type {@code UNAUTHENTICATED} (no credentials:
 * answered 401) or {@code UNAUTHORIZED} (wrong or expired credentials: 403). Its message goes to the receiver's DEBUG
 * log only; the sender is told nothing about why. Any other exception is answered 500. Called on the receiving
 * server's thread: must not block for long.
 */
@FunctionalInterface
public interface CompletionVerifier {
    /**
     * The callback a completion answers.
     *
     * @param headers all headers of the completion request (case-insensitive), including the callback headers
     *     the caller gave at start
     * @throws nexusrpc.api.HandlerException {@code UNAUTHENTICATED} or {@code UNAUTHORIZED} to refuse
     */
    VerifiedCallback verify(Headers headers);
}
