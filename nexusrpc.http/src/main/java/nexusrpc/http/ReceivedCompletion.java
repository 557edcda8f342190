package nexusrpc.http;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.Serializer;
import nexusrpc.http.internal.WireErrors;

/**
 * A completion that arrived at a {@link CompletionReceiver}, validated.
 *
 * @param token the operation token, or {@code null} if the handler sent none
 * @param state {@code SUCCEEDED}, {@code FAILED} or {@code CANCELED}
 * @param result the result content (empty unless succeeded)
 * @param failure the failure as sent (tagged {@code nexus.OperationError}), or {@code null} if succeeded
 * @param startTime when the operation started, or {@code null} if not sent
 * @param closeTime when the operation finished, or {@code null} if not sent
 * @param links links sent with the completion
 * @param headers all request headers (case-insensitive), including the caller's callback headers; their {@code
 *     toString()} redacts secrets
 * @param callback the callback the completion answers, as the receiver's {@link CompletionVerifier} established it
 *     (service and operation are then authenticated); empty when the receiver has no verifier
 */
public record ReceivedCompletion(
        String token,
        OperationState state,
        Content result,
        Failure failure,
        Instant startTime,
        Instant closeTime,
        List<Link> links,
        Headers headers,
        Optional<VerifiedCallback> callback) {
    /** Checks the state and replaces nulls by empty values. */
    public ReceivedCompletion {
        Objects.requireNonNull(state, "state");
        callback = callback == null ? Optional.empty() : callback;
        result = result == null ? Content.empty() : result;
        links = links == null ? List.of() : List.copyOf(links);
        headers = headers == null ? Headers.empty() : headers;
    }

    /** A completion not checked by a {@link CompletionVerifier}. */
    public ReceivedCompletion(String token, OperationState state, Content result, Failure failure, Instant startTime,
            Instant closeTime, List<Link> links, Headers headers) {
        this(token, state, result, failure, startTime, closeTime, links, headers, Optional.empty());
    }

    /** Whether the operation succeeded. */
    public boolean succeeded() {
        return state == OperationState.SUCCEEDED;
    }

    /**
     * The result deserialized to {@code type}.
     *
     * @throws OperationException if the operation failed or was canceled, rehydrated from the failure
     */
    public Object value(Serializer serializer, Type type) throws OperationException {
        Optional<OperationException> e = exception();
        if (e.isPresent()) {
            throw e.get();
        }
        return serializer.deserialize(result, type);
    }

    /** The failed or canceled outcome as an exception with the peer's causes, or empty if succeeded. */
    public Optional<OperationException> exception() {
        if (succeeded() || failure == null) {
            return Optional.empty();
        }
        return Optional.of(WireErrors.operationException(failure, state.wireName()));
    }
}
