package nexusrpc.http;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import nexusrpc.http.internal.RestrictedSslContext;
import nexusrpc.http.internal.TlsSpec;

/**
 * The TLS settings of a {@link NexusHttpServer} ({@link NexusHttpServer.Builder#tls(ServerTls)}): its key and
 * certificate chain, whether clients must present certificates (mutual TLS), and which CAs it trusts for them.
 * Immutable.
 *
 * <pre>{@code
 * ServerTls tls = ServerTls.pem(Path.of("server.crt"), Path.of("server.key"))   // chain (leaf first), PKCS#8 key
 *         .clientAuth(ServerTls.ClientAuth.REQUIRED)
 *         .trustedCertificates(Path.of("clients-ca.pem"))
 *         .build();
 * }</pre>
 *
 * <p>The server speaks TLS 1.3 and 1.2 only. Key material comes from PEM files (an unencrypted PKCS#8 RSA or EC
 * key and its certificate chain), a PKCS#12 file, a {@link KeyStore}, or a whole {@link SSLContext} (which then
 * also decides the trust). Material read from files is read again when the files change (looked at at most once
 * per {@link Builder#reloadCheckInterval(Duration)}, during a handshake) or on {@link NexusHttpServer#reloadTls()}:
 * new connections get the new certificate, open ones keep theirs; broken new files are not used (the server keeps
 * the material it has and logs a WARN naming the file and the problem).
 *
 * <p>{@link Builder#build()} reads the files once, so that a missing or broken file is reported there, with a message
 * naming the file and what is wrong with it. Passwords are kept only to read the files again; {@link #toString()}
 * and the accessors never show them.
 */
public final class ServerTls {
    /** Whether the server asks TLS clients for a certificate. */
    public enum ClientAuth {
        /** No client certificates: any client may connect (authenticate callers otherwise). */
        NONE,
        /** Clients may present a certificate, which must then be valid and issued by a trusted CA. */
        OPTIONAL,
        /** Clients must present a valid certificate issued by a trusted CA; others cannot connect. */
        REQUIRED
    }

    private final TlsSpec spec;
    private final ClientAuth clientAuth;

    private ServerTls(TlsSpec spec, ClientAuth clientAuth) {
        this.spec = spec;
        this.clientAuth = clientAuth;
    }

    /**
     * Key material from PEM files.
     *
     * @param certificateChain the server's certificate followed by its intermediate CAs ({@code -----BEGIN
     *     CERTIFICATE-----} blocks, leaf first)
     * @param privateKey the certificate's unencrypted PKCS#8 private key, RSA or EC ({@code -----BEGIN PRIVATE
     *     KEY-----}; convert others with {@code openssl pkcs8 -topk8 -nocrypt})
     */
    public static Builder pem(Path certificateChain, Path privateKey) {
        Builder b = new Builder();
        b.spec.pem(certificateChain, privateKey);
        return b;
    }

    /** Key material from a PKCS#12 file whose key entries have the file's password. */
    public static Builder pkcs12(Path keyStore, char[] password) {
        Builder b = new Builder();
        b.spec.pkcs12(keyStore, password);
        return b;
    }

    /** Key material from a key store whose key entries have {@code password} (not reloaded). */
    public static Builder keyStore(KeyStore keyStore, char[] password) {
        Builder b = new Builder();
        b.spec.keyStore(keyStore, password);
        return b;
    }

    /**
     * Everything from your context: its key managers and its trust managers (which verify client certificates).
     * The server still restricts it to TLS 1.3 and 1.2 and asks for client certificates as {@link
     * Builder#clientAuth(ClientAuth)} says; nothing is reloaded.
     */
    public static Builder sslContext(SSLContext context) {
        Builder b = new Builder();
        b.spec.sslContext(context);
        return b;
    }

    /** Whether clients are asked for certificates. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The protocols spoken: TLS 1.3 and TLS 1.2. */
    public List<String> protocols() {
        return RestrictedSslContext.PROTOCOLS;
    }

    /** Where the key and certificate chain come from (file names, no secrets). */
    public String keySource() {
        return spec.keySource().orElseThrow();
    }

    /** Where the CAs trusted for client certificates come from; empty when clients are not asked for any. */
    public Optional<String> trustSource() {
        return spec.trustSource();
    }

    /** How often at most the files are looked at for changes. */
    public Duration reloadCheckInterval() {
        return spec.checkInterval();
    }

    /** Makes the live context of a server. */
    TlsSpec.Live open() {
        return spec.open(clientAuth == ClientAuth.REQUIRED, clientAuth == ClientAuth.OPTIONAL);
    }

    @Override
    public String toString() {
        return "ServerTls[" + String.join(", ", protocols()) + "; key: " + keySource() + "; client certificates: "
                + clientAuth + trustSource().map(t -> ", trusted: " + t).orElse("") + "]";
    }

    /** Builds a {@link ServerTls}. Not thread-safe. */
    public static final class Builder {
        private final TlsSpec spec = new TlsSpec();
        private ClientAuth clientAuth = ClientAuth.NONE;

        private Builder() {}

        /** Whether clients are asked for certificates (default {@link ClientAuth#NONE}). */
        public Builder clientAuth(ClientAuth mode) {
            this.clientAuth = Objects.requireNonNull(mode, "clientAuth");
            return this;
        }

        /** The CAs that issue client certificates: a PEM file of one or more certificates, reloaded when it changes. */
        public Builder trustedCertificates(Path caCertificates) {
            spec.trustedCertificates(caCertificates);
            return this;
        }

        /** The CAs that issue client certificates, from a key store's certificate entries (not reloaded). */
        public Builder trustStore(KeyStore trustStore) {
            spec.trustStore(trustStore);
            return this;
        }

        /** How often at most the files are looked at for changes (default 5 seconds; zero: at every handshake). */
        public Builder reloadCheckInterval(Duration interval) {
            spec.checkInterval(interval);
            return this;
        }

        /**
         * The settings, with the files read once to check them.
         *
         * @throws IllegalArgumentException if a file is missing, unreadable or broken (the message names it), or if
         *     client certificates are asked for without CAs to check them against (or CAs given without asking)
         */
        public ServerTls build() {
            if (spec.hasSslContext() && spec.hasTrust()) {
                throw new IllegalArgumentException("the SSLContext's own trust managers check client certificates:"
                        + " do not give trustedCertificates or trustStore with sslContext");
            }
            if (!spec.hasSslContext()) {
                if (clientAuth != ClientAuth.NONE && !spec.hasTrust()) {
                    throw new IllegalArgumentException("clientAuth " + clientAuth + " needs the CAs that issue client"
                            + " certificates: add trustedCertificates(caPemFile) or trustStore(keyStore)");
                }
                if (clientAuth == ClientAuth.NONE && spec.hasTrust()) {
                    throw new IllegalArgumentException("trusted CAs are only used to check client certificates,"
                            + " which clientAuth NONE does not ask for: set clientAuth(OPTIONAL or REQUIRED)");
                }
            }
            ServerTls tls = new ServerTls(spec.copy(), clientAuth);
            // read every file once now: a broken one is reported here, not at the first handshake
            tls.open();
            return tls;
        }
    }
}
