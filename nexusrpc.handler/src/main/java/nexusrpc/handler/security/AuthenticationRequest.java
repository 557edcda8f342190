package nexusrpc.handler.security;

import java.util.Objects;
import nexusrpc.api.Headers;
import nexusrpc.handler.transport.TransportPeer;

/**
 * What a {@link CallerAuthenticator} may look at: the request's names and verb, its headers and what the transport
 * verified about the peer. Its {@code toString()} redacts sensitive headers.
 *
 * @param service the requested service (not yet checked to exist)
 * @param operation the requested operation (not yet checked to exist)
 * @param verb the verb
 * @param headers the request headers (case-insensitive)
 * @param peer what the transport knows about the peer: address, verified certificate chain, attributes
 */
public record AuthenticationRequest(String service, String operation, OperationVerb verb, Headers headers,
        TransportPeer peer) {
    /** Rejects {@code null}s (empty headers and an unknown peer stand for "none"). */
    public AuthenticationRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(verb, "verb");
        headers = headers == null ? Headers.empty() : headers;
        peer = peer == null ? TransportPeer.unknown() : peer;
    }
}
