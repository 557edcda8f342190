package nexusrpc.http.internal;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager whose trusted CA certificates are read from files and read again when they change (see {@link
 * Reloadable}). It hands every check to the JDK's PKIX trust manager, which also verifies the peer's host name
 * where the connection asks for it (clients: HTTPS endpoint identification).
 */
public final class ReloadingTrustManager extends X509ExtendedTrustManager {
    private final Reloadable<X509ExtendedTrustManager> material;

    /**
     * Loads the trust store once (failures are thrown).
     *
     * @param files the files {@code trustStore} reads (none: never reloaded)
     * @param trustStore loads the trust store; null from it means the JDK's default trusted CAs
     */
    public ReloadingTrustManager(List<Path> files, Duration interval, Supplier<KeyStore> trustStore) {
        this.material = new Reloadable<>("trusted CA certificates", files, interval, () -> pkix(trustStore.get()));
    }

    private static X509ExtendedTrustManager pkix(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager trust) {
                    return trust;
                }
            }
            throw new IllegalStateException("the JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the trusted certificates cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    /** Reads the files again now; throws {@link IllegalArgumentException} (keeping the old material) if broken. */
    public void reload() {
        material.reload();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        material.current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        material.current().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        material.current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        material.current().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        material.current().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        material.current().checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return material.current().getAcceptedIssuers();
    }
}
