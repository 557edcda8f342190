package nexusrpc.handler.transport;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import nexusrpc.api.Api;

/**
 * What a transport knows, beyond the headers, about who sent a request: the peer's address, the certificate chain
 * the transport verified during a mutual-TLS handshake, and transport-specific facts (on the Temporal transport,
 * what Temporal tells the worker about the request). The engine hands it to the handler's caller authentication,
 * which turns it and the headers into the caller's identity.
 *
 * <p>A transport sets only what it has <em>verified</em>: a certificate chain here has been validated against the
 * server's trust material during the handshake, so authentication may rely on it without checking it again.
 *
 * @param remoteAddress the peer's address, when the transport has one
 * @param verifiedCertificates the peer's certificate chain, leaf first, as verified by the TLS handshake; empty
 *        when the connection is not TLS or the peer sent no certificate
 * @param attributes further facts the transport vouches for (names are transport-specific, e.g.
 *        {@code temporal.namespace}); never secrets
 */
@Api.ForTransports
public record TransportPeer(Optional<InetSocketAddress> remoteAddress, List<X509Certificate> verifiedCertificates,
        Map<String, String> attributes) {

    private static final TransportPeer UNKNOWN = new TransportPeer(Optional.empty(), List.of(), Map.of());

    /** Copies the collections; rejects {@code null}s. */
    public TransportPeer {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        verifiedCertificates = List.copyOf(verifiedCertificates);
        attributes = Map.copyOf(attributes);
    }

    /** A peer the transport knows nothing about (the in-memory transport, tests). */
    public static TransportPeer unknown() {
        return UNKNOWN;
    }

    /** The verified leaf certificate of a mutual-TLS peer, if any. */
    public Optional<X509Certificate> verifiedLeafCertificate() {
        return verifiedCertificates.isEmpty() ? Optional.empty() : Optional.of(verifiedCertificates.get(0));
    }
}
