package nexusrpc.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import nexusrpc.handler.transport.TransportPeer;

/**
 * Reads who sent a request: the remote address and, over TLS, the client certificate chain the handshake verified.
 * Chosen once per server, so that a plain HTTP server does no TLS work per request.
 */
abstract class PeerReader {
    /** The peer of a request. */
    abstract TransportPeer read(HttpExchange ex);

    /** Plain HTTP: the address only. */
    static PeerReader plain() {
        return new PeerReader() {
            @Override
            TransportPeer read(HttpExchange ex) {
                return new TransportPeer(Optional.ofNullable(ex.getRemoteAddress()), List.of(), Map.of());
            }
        };
    }

    /** HTTPS: the address and the verified client certificates, from the JDK's engine or Jetty's. */
    static PeerReader tls() {
        return new TlsPeerReader();
    }

    /**
     * The JDK's engine gives the TLS session through {@link HttpsExchange#getSSLSession()}. Jetty's adapter answers
     * null there; its request carries the session data as the attribute {@value #JETTY_SSL_ATTRIBUTE} (put there by
     * the {@code SecureRequestCustomizer} its HTTPS connector installs), a Jetty type this module does not read at
     * compile time: its public {@code peerCertificates()} is called through a method handle found once.
     */
    private static final class TlsPeerReader extends PeerReader {
        static final String JETTY_SSL_ATTRIBUTE = "org.eclipse.jetty.io.Endpoint.SslSessionData";
        private static final String JETTY_SSL_TYPE = "org.eclipse.jetty.io.EndPoint$SslSessionData";
        private volatile MethodHandle jettyPeerCertificates;

        @Override
        TransportPeer read(HttpExchange ex) {
            Optional<InetSocketAddress> address = Optional.ofNullable(ex.getRemoteAddress());
            return new TransportPeer(address, certificates(ex), Map.of());
        }

        private List<X509Certificate> certificates(HttpExchange ex) {
            SSLSession session = ex instanceof HttpsExchange https ? https.getSSLSession() : null;
            if (session != null) {
                try {
                    return x509(session.getPeerCertificates());
                } catch (SSLPeerUnverifiedException e) {
                    // the client sent no certificate (clientAuth OPTIONAL)
                    return List.of();
                }
            }
            Object data = ex.getAttribute(JETTY_SSL_ATTRIBUTE);
            if (data == null) {
                return List.of();
            }
            try {
                return x509((X509Certificate[]) jettyPeerCertificates(data).invoke(data));
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read the client certificates from Jetty's " + JETTY_SSL_TYPE, e);
            }
        }

        private MethodHandle jettyPeerCertificates(Object data) throws ReflectiveOperationException {
            MethodHandle mh = jettyPeerCertificates;
            if (mh == null) {
                Class<?> type = Class.forName(JETTY_SSL_TYPE, false, data.getClass().getClassLoader());
                // a public method of an exported Jetty package: the public lookup needs no reads edge
                mh = MethodHandles.publicLookup().findVirtual(type, "peerCertificates",
                        MethodType.methodType(X509Certificate[].class));
                jettyPeerCertificates = mh;
            }
            return mh;
        }

        private static List<X509Certificate> x509(Certificate[] chain) {
            if (chain == null || chain.length == 0) {
                return List.of();
            }
            List<X509Certificate> list = new ArrayList<>(chain.length);
            for (Certificate c : chain) {
                if (c instanceof X509Certificate x) {
                    list.add(x);
                }
            }
            return list;
        }
    }
}
