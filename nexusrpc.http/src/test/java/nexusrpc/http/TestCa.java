package nexusrpc.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time (BouncyCastle builds the certificates; the JDK's providers make the
 * keys and sign), issuing server and client certificates and writing them as PEM files.
 */
final class TestCa {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A key and its certificate chain (leaf first, then the CA). */
    record Issued(PrivateKey key, List<X509Certificate> chain) {
        X509Certificate leaf() {
            return chain.get(0);
        }

        /** Writes the chain and the PKCS#8 key as PEM files. */
        void writePem(Path chainFile, Path keyFile) {
            StringBuilder pem = new StringBuilder();
            for (X509Certificate c : chain) {
                pem.append(pem("CERTIFICATE", encoded(c)));
            }
            write(chainFile, pem.toString());
            write(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        }
    }

    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCa(String name) {
        this.name = name;
        this.keys = ec();
        Instant now = Instant.now();
        this.certificate = sign(name, keys.getPublic(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)),
                true, List.of(), keys.getPrivate(), name);
    }

    static TestCa create(String name) {
        return new TestCa(name);
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** Writes this CA's certificate as a PEM file. */
    Path writePem(Path file) {
        write(file, pem("CERTIFICATE", encoded(certificate)));
        return file;
    }

    /** A certificate for 127.0.0.1 and localhost, valid now. */
    Issued issue(String commonName) {
        return issue(commonName, List.of("localhost", "127.0.0.1"), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)), false);
    }

    /**
     * A certificate.
     *
     * @param names DNS names and IP addresses (those with only digits and dots) of the subject alternative names
     * @param rsa an RSA key instead of an EC one
     */
    Issued issue(String commonName, List<String> names, Instant notBefore, Instant notAfter, boolean rsa) {
        KeyPair pair = rsa ? rsa() : ec();
        X509Certificate leaf = sign(commonName, pair.getPublic(), notBefore, notAfter, false, names,
                keys.getPrivate(), name);
        return new Issued(pair.getPrivate(), List.of(leaf, certificate));
    }

    /**
     * A plain JDK context (not restricted like the SDK's) trusting this CA, with {@code own}'s key if not null:
     * for raw handshakes that try what the SDK's own clients would not. The key is always offered, whatever CAs
     * the peer asks for (the JDK's own key manager sends no certificate of a CA the server did not name, so a
     * server's check of a stranger's certificate could not be seen).
     */
    SSLContext rawContext(Issued own) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            KeyManager[] km = own == null ? null : new KeyManager[] {new Insistent(own)};
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(km, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key manager with one key, offered to every peer (client or server). */
    private static final class Insistent extends X509ExtendedKeyManager {
        private final Issued issued;

        Insistent(Issued issued) {
            this.issued = issued;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"key"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "key";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "key";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"key"};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keyType.startsWith(issued.key().getAlgorithm()) ? "key" : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return chooseServerAlias(keyType, issuers, null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return issued.chain().toArray(new X509Certificate[0]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return issued.key();
        }
    }

    private static X509Certificate sign(String subject, java.security.PublicKey key, Instant notBefore,
            Instant notAfter, boolean ca, List<String> names, PrivateKey issuerKey, String issuer) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + subject), key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                List<GeneralName> alternatives = new ArrayList<>();
                for (String n : names) {
                    alternatives.add(new GeneralName(n.matches("[0-9.]+") ? GeneralName.iPAddress
                            : GeneralName.dNSName, n));
                }
                if (!alternatives.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alternatives.toArray(new GeneralName[0])));
                }
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
