package nexusrpc.http;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import nexusrpc.http.internal.RestrictedSslContext;
import nexusrpc.http.internal.TlsSpec;

/**
 * The TLS settings of a client ({@link NexusHttpClient.Builder#tls(ClientTls)}, {@link
 * CompletionSender.Builder#tls(ClientTls)}): which CAs it trusts for server certificates and, for mutual TLS, its
 * own key and certificate chain. Immutable.
 *
 * <pre>{@code
 * ClientTls tls = ClientTls.builder()
 *         .trustedCertificates(Path.of("ca.pem"))
 *         .clientCertificate(Path.of("client.crt"), Path.of("client.key"))   // only for mutual TLS
 *         .build();
 * }</pre>
 *
 * <p>The client speaks TLS 1.3 and 1.2 only and always checks that the server's certificate is valid, issued by
 * a trusted CA and made out to the host name of the URL; there is no switch to turn that off. Without trusted
 * certificates it trusts the JDK's default CAs. Material read from files is read again when they change, as
 * {@link ServerTls} describes.
 */
public final class ClientTls {
    private final TlsSpec spec;

    private ClientTls(TlsSpec spec) {
        this.spec = spec;
    }

    /** A builder; without any call, the JDK's default CAs and no client certificate. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Everything from your context: its trust managers check servers, its key managers (if any) give the client
     * certificate. The client still restricts it to TLS 1.3 and 1.2 and checks host names.
     */
    public static ClientTls sslContext(SSLContext context) {
        TlsSpec spec = new TlsSpec();
        spec.sslContext(context);
        return new ClientTls(spec);
    }

    /** Where the client certificate comes from (file names, no secrets); empty without one. */
    public Optional<String> keySource() {
        return spec.hasSslContext() || spec.hasKey() ? spec.keySource() : Optional.empty();
    }

    /** Where the trusted CAs come from; empty: the JDK's default CAs. */
    public Optional<String> trustSource() {
        return spec.trustSource();
    }

    /** Sets this TLS configuration on an {@code HttpClient} builder (a fresh live context each time). */
    HttpClient.Builder applyTo(HttpClient.Builder builder) {
        SSLContext context = spec.open(false, false).context();
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(RestrictedSslContext.PROTOCOLS.toArray(new String[0]));
        // java.net.http checks host names itself; saying so here too keeps it on if that default ever changed
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return builder.sslContext(context).sslParameters(parameters);
    }

    @Override
    public String toString() {
        return "ClientTls[trusted: " + trustSource().orElse("the JDK's default CAs")
                + keySource().map(k -> "; client certificate: " + k).orElse("") + "]";
    }

    /** Builds a {@link ClientTls}. Not thread-safe. */
    public static final class Builder {
        private final TlsSpec spec = new TlsSpec();

        private Builder() {}

        /** Trusts the CAs of a PEM file (one or more certificates) instead of the JDK's defaults. */
        public Builder trustedCertificates(Path caCertificates) {
            spec.trustedCertificates(caCertificates);
            return this;
        }

        /** Trusts the certificate entries of a key store instead of the JDK's default CAs (not reloaded). */
        public Builder trustStore(KeyStore trustStore) {
            spec.trustStore(trustStore);
            return this;
        }

        /**
         * The client certificate for mutual TLS, from PEM files: the certificate chain (leaf first) and its
         * unencrypted PKCS#8 RSA or EC private key.
         */
        public Builder clientCertificate(Path certificateChain, Path privateKey) {
            spec.pem(certificateChain, privateKey);
            return this;
        }

        /** The client certificate for mutual TLS, from a PKCS#12 file whose key entry has the file's password. */
        public Builder clientPkcs12(Path keyStore, char[] password) {
            spec.pkcs12(keyStore, password);
            return this;
        }

        /** The client certificate for mutual TLS, from a key store (not reloaded). */
        public Builder clientKeyStore(KeyStore keyStore, char[] password) {
            spec.keyStore(keyStore, password);
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
         * @throws IllegalArgumentException if a file is missing, unreadable or broken (the message names it)
         */
        public ClientTls build() {
            ClientTls tls = new ClientTls(spec.copy());
            tls.spec.open(false, false);
            return tls;
        }
    }
}
