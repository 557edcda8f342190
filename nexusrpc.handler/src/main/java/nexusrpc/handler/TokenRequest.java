package nexusrpc.handler;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import nexusrpc.api.Headers;
import nexusrpc.api.handler.Cancellation;

/**
 * A transport-neutral request about an existing operation (fetchInfo, fetchResult, cancel).
 *
 * @param service the Nexus service name
 * @param operation the Nexus operation name
 * @param token the operation token
 * @param headers the request headers (case-insensitive)
 * @param deadline when the caller stops waiting, or {@code null}
 * @param cancellation cancellation of this call: the transport cancels it when the caller goes away, the
 *     dispatcher when {@code deadline} passes; never {@code null}
 * @param extensions transport-provided objects handlers can ask for with {@code OperationContext.extension}
 */
public record TokenRequest(
        String service,
        String operation,
        String token,
        Headers headers,
        Instant deadline,
        Cancellation cancellation,
        Map<Class<?>, Object> extensions) {
    /** Checks the names and replaces nulls by empty values. */
    public TokenRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(token, "token");
        headers = headers == null ? Headers.empty() : headers;
        cancellation = cancellation == null ? new Cancellation() : cancellation;
        extensions = extensions == null ? Map.of() : extensions;
    }

    /** A request with only names and token. */
    public static TokenRequest of(String service, String operation, String token) {
        return new TokenRequest(service, operation, token, null, null, null, null);
    }

    /** This request with the given headers. */
    public TokenRequest withHeaders(Headers h) {
        return new TokenRequest(service, operation, token, h, deadline, cancellation, extensions);
    }

    /** This request with the given deadline. */
    public TokenRequest withDeadline(Instant d) {
        return new TokenRequest(service, operation, token, headers, d, cancellation, extensions);
    }
}
