package nexusrpc.http.internal;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Where a TLS endpoint's key and trust material come from, as the public {@code ServerTls} and {@code ClientTls}
 * builders collect it: key material from PEM files, a PKCS#12 file or a {@link KeyStore}; trust from a PEM file of CA
 * certificates or a {@link KeyStore} (or the JDK's default CAs); or a whole {@link SSLContext}. {@link #open} makes
 * the live context, whose file material is reloaded when the files change.
 *
 * <p>Mutable while a builder fills it; the public types keep a {@link #copy()} and never change it.
 */
public final class TlsSpec {
    /** The password of the in-memory key store made from PEM files (it never leaves this process). */
    private static final char[] PEM_PASSWORD = "in-memory".toCharArray();

    private Path chainPem;
    private Path keyPem;
    private Path pkcs12;
    private KeyStore keyStore;
    private char[] keyPassword;
    private Path caPem;
    private KeyStore trustStore;
    private SSLContext sslContext;
    private Duration checkInterval = Duration.ofSeconds(5);

    /** Key material from a PEM certificate chain (leaf first) and a PEM PKCS#8 private key. */
    public void pem(Path chain, Path key) {
        clearKey();
        this.chainPem = Objects.requireNonNull(chain, "certificateChain");
        this.keyPem = Objects.requireNonNull(key, "privateKey");
    }

    /** Key material from a PKCS#12 file. */
    public void pkcs12(Path file, char[] password) {
        clearKey();
        this.pkcs12 = Objects.requireNonNull(file, "pkcs12");
        this.keyPassword = Objects.requireNonNull(password, "password").clone();
    }

    /** Key material from a key store (not reloaded). */
    public void keyStore(KeyStore store, char[] password) {
        clearKey();
        this.keyStore = Objects.requireNonNull(store, "keyStore");
        this.keyPassword = Objects.requireNonNull(password, "password").clone();
    }

    private void clearKey() {
        chainPem = null;
        keyPem = null;
        pkcs12 = null;
        keyStore = null;
        keyPassword = null;
    }

    /** Trust in the CA certificates of a PEM file. */
    public void trustedCertificates(Path file) {
        this.caPem = Objects.requireNonNull(file, "trustedCertificates");
        this.trustStore = null;
    }

    /** Trust in the certificates of a key store (not reloaded). */
    public void trustStore(KeyStore store) {
        this.trustStore = Objects.requireNonNull(store, "trustStore");
        this.caPem = null;
    }

    /** Everything from a ready context. */
    public void sslContext(SSLContext context) {
        this.sslContext = Objects.requireNonNull(context, "sslContext");
    }

    /** How often at most the files are looked at for changes. */
    public void checkInterval(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("reloadCheckInterval must be zero or positive");
        }
        this.checkInterval = d;
    }

    public Duration checkInterval() {
        return checkInterval;
    }

    public boolean hasKey() {
        return chainPem != null || pkcs12 != null || keyStore != null;
    }

    public boolean hasTrust() {
        return caPem != null || trustStore != null;
    }

    public boolean hasSslContext() {
        return sslContext != null;
    }

    /** Where the key material comes from, without secrets; empty if there is none. */
    public Optional<String> keySource() {
        if (sslContext != null) {
            return Optional.of("SSLContext " + sslContext.getProtocol() + " (" + sslContext.getProvider().getName() + ")");
        }
        if (chainPem != null) {
            return Optional.of("PEM certificate chain " + chainPem + ", private key " + keyPem);
        }
        if (pkcs12 != null) {
            return Optional.of("PKCS#12 keystore " + pkcs12);
        }
        return keyStore == null ? Optional.empty() : Optional.of(keyStore.getType() + " KeyStore");
    }

    /** Where the trusted certificates come from; empty if none were given. */
    public Optional<String> trustSource() {
        if (sslContext != null) {
            return Optional.of("the SSLContext");
        }
        if (caPem != null) {
            return Optional.of("PEM CA certificates " + caPem);
        }
        return trustStore == null ? Optional.empty() : Optional.of(trustStore.getType() + " KeyStore");
    }

    /** An unshared copy. */
    public TlsSpec copy() {
        TlsSpec c = new TlsSpec();
        c.chainPem = chainPem;
        c.keyPem = keyPem;
        c.pkcs12 = pkcs12;
        c.keyStore = keyStore;
        c.keyPassword = keyPassword == null ? null : keyPassword.clone();
        c.caPem = caPem;
        c.trustStore = trustStore;
        c.sslContext = sslContext;
        c.checkInterval = checkInterval;
        return c;
    }

    /**
     * The live context: key material (if any) and trust, reloaded from their files when they change, restricted
     * to TLS 1.3 and 1.2.
     *
     * @param needClientAuth servers: refuse clients without a certificate
     * @param wantClientAuth servers: ask clients for a certificate
     * @throws IllegalArgumentException if a file is missing or broken (the message names it)
     */
    public Live open(boolean needClientAuth, boolean wantClientAuth) {
        if (sslContext != null) {
            return new Live(new RestrictedSslContext(sslContext, needClientAuth, wantClientAuth), null, null);
        }
        ReloadingKeyManager keys = null;
        if (chainPem != null) {
            Path chain = chainPem;
            Path key = keyPem;
            keys = new ReloadingKeyManager(List.of(chain, key), checkInterval,
                    () -> TlsFiles.pemKeyStore(chain, key, PEM_PASSWORD), PEM_PASSWORD);
        } else if (pkcs12 != null) {
            Path file = pkcs12;
            char[] password = keyPassword;
            keys = new ReloadingKeyManager(List.of(file), checkInterval, () -> TlsFiles.pkcs12(file, password),
                    password);
        } else if (keyStore != null) {
            KeyStore store = keyStore;
            keys = new ReloadingKeyManager(List.of(), checkInterval, () -> store, keyPassword);
        }
        ReloadingTrustManager trust;
        if (caPem != null) {
            Path file = caPem;
            trust = new ReloadingTrustManager(List.of(file), checkInterval, () -> TlsFiles.pemTrustStore(file));
        } else {
            KeyStore store = trustStore;
            // null: the JDK's default CAs
            trust = new ReloadingTrustManager(List.of(), checkInterval, () -> store);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : new KeyManager[] {keys}, new TrustManager[] {trust}, null);
            return new Live(new RestrictedSslContext(context, needClientAuth, wantClientAuth),
                    chainPem != null || pkcs12 != null ? keys : null, caPem != null ? trust : null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context: " + e, e);
        }
    }

    /**
     * A live TLS context and the reloading material in it.
     *
     * @param context the context to hand to the HTTP engine or client
     * @param keys the key material read from files, or null
     * @param trust the trust material read from files, or null
     */
    public record Live(SSLContext context, ReloadingKeyManager keys, ReloadingTrustManager trust) {
        /** Whether any material comes from files. */
        public boolean reloadable() {
            return keys != null || trust != null;
        }

        /** Reads the files again now; throws {@link IllegalArgumentException} if one is broken (nothing changes). */
        public void reload() {
            if (keys != null) {
                keys.reload();
            }
            if (trust != null) {
                trust.reload();
            }
        }
    }
}
