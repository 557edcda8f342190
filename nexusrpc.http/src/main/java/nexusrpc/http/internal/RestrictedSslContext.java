package nexusrpc.http.internal;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose engines speak TLS 1.3 and 1.2 only, and (for a server) ask for client certificates
 * as configured. The restriction lives in the context, not in the engine's configuration of an HTTP server,
 * because Jetty's {@code com.sun.net.httpserver} adapter passes only the client-auth flags of the JDK's {@code
 * HttpsParameters} on: the protocols it enables are the context's default ones, which this context restricts.
 */
public final class RestrictedSslContext extends SSLContext {
    /** The protocols spoken: TLS 1.0 and 1.1 are broken and deprecated (RFC 8996). */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Restricts {@code delegate}.
     *
     * @param needClientAuth refuse handshakes without a client certificate (servers)
     * @param wantClientAuth ask for a client certificate, accept handshakes without one (servers)
     */
    public RestrictedSslContext(SSLContext delegate, boolean needClientAuth, boolean wantClientAuth) {
        super(new Spi(delegate, needClientAuth, wantClientAuth), delegate.getProvider(), delegate.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final boolean need;
        private final boolean want;
        private final String[] protocols;

        Spi(SSLContext delegate, boolean need, boolean want) {
            this.delegate = delegate;
            this.need = need;
            this.want = want;
            List<String> supported = List.of(delegate.getSupportedSSLParameters().getProtocols());
            this.protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
            if (protocols.length == 0) {
                throw new IllegalArgumentException("the SSLContext (" + delegate.getProtocol() + ", "
                        + delegate.getProvider().getName() + ") supports neither TLS 1.3 nor TLS 1.2");
            }
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("this context is initialized already");
        }

        // The socket factories are not restricted: the HTTP engines, java.net.http's client and this SDK use only
        // SSLEngines, and nothing hands this context to code that would use sockets.
        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return delegate.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return restrict(delegate.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return restrict(delegate.createSSLEngine(host, port));
        }

        private SSLEngine restrict(SSLEngine engine) {
            engine.setSSLParameters(restrict(engine.getSSLParameters()));
            return engine;
        }

        private SSLParameters restrict(SSLParameters p) {
            p.setProtocols(protocols.clone());
            if (need) {
                p.setNeedClientAuth(true);
            } else if (want) {
                p.setWantClientAuth(true);
            }
            return p;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return restrict(delegate.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            SSLParameters p = delegate.getSupportedSSLParameters();
            p.setProtocols(protocols.clone());
            return p;
        }
    }
}
