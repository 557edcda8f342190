package nexusrpc.http;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link CompletionVerifier} established about a completion: which callback (one per started operation)
 * it answers, and so which operation it completes.
 *
 * @param callbackId the callback's unique id: a {@link CompletionReceiver} delivers at most one completion per id
 * @param service the service of the operation the callback was handed out for
 * @param operation the operation the callback was handed out for
 * @param expiresAt when the callback's credentials stop being accepted; the receiver remembers the id until then
 */
public record VerifiedCallback(String callbackId, String service, String operation, Instant expiresAt) {
    /** Rejects {@code null}s. */
    public VerifiedCallback {
        Objects.requireNonNull(callbackId, "callbackId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
