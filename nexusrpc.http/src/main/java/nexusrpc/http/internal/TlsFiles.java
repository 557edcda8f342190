package nexusrpc.http.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads TLS material from files with the JDK only: PEM certificates, PEM PKCS#8 private keys (RSA and EC) and
 * PKCS#12 keystores. Every failure is an {@link IllegalArgumentException} whose message names the file and says
 * what is wrong with it and how to fix it; none carries key material or passwords.
 */
public final class TlsFiles {
    /** PEM and PKCS#12 files of keys and certificates are a few kilobytes: anything this large is not one. */
    private static final long MAX_FILE_SIZE = 1024 * 1024;
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END ([A-Z0-9 ]+)-----");
    /** The alias under which a PEM key and its chain are kept in an in-memory keystore. */
    public static final String KEY_ALIAS = "key";

    private TlsFiles() {}

    /** One PEM block: its type (e.g. {@code CERTIFICATE}) and decoded content. */
    private record Block(String type, byte[] der) {}

    /**
     * The certificates of a PEM file, in file order (for a chain: leaf first).
     *
     * @param what what the file is for, in messages (e.g. "TLS certificate chain")
     */
    public static List<X509Certificate> certificates(Path file, String what) {
        List<Block> blocks = blocks(file, what);
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = x509Factory();
        for (Block b : blocks) {
            if (!b.type().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException e) {
                throw new IllegalArgumentException(what + " file " + file + ": certificate " + (certificates.size() + 1)
                        + " cannot be parsed (" + e.getMessage() + "): the file is damaged or not a certificate");
            }
        }
        if (certificates.isEmpty()) {
            boolean key = blocks.stream().anyMatch(b -> b.type().endsWith("PRIVATE KEY"));
            throw new IllegalArgumentException(what + " file " + file + " holds no certificate (no \"-----BEGIN"
                    + " CERTIFICATE-----\" block)" + (key ? ": it holds a private key; are the certificate and key"
                    + " files swapped?" : ""));
        }
        return certificates;
    }

    /** The one PKCS#8 private key (RSA or EC) of a PEM file. */
    public static PrivateKey privateKey(Path file, String what) {
        List<Block> blocks = blocks(file, what);
        List<Block> keys = new ArrayList<>();
        for (Block b : blocks) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    keys.add(b);
                    break;
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new IllegalArgumentException(what + " file " + file + " holds a \"" + b.type()
                            + "\" (PKCS#1/SEC1 format); only PKCS#8 keys (\"-----BEGIN PRIVATE KEY-----\") are read:"
                            + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pk8.pem");
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException(what + " file " + file + " holds an encrypted key, which is"
                            + " not read: give an unencrypted PKCS#8 key readable only by this process's user (openssl"
                            + " pkcs8 -topk8 -nocrypt), or a PKCS#12 keystore with its password");
                default:
                    // certificates and parameters may sit next to the key
            }
        }
        if (keys.isEmpty()) {
            boolean certs = blocks.stream().anyMatch(b -> b.type().equals("CERTIFICATE"));
            throw new IllegalArgumentException(what + " file " + file + " holds no private key (no \"-----BEGIN"
                    + " PRIVATE KEY-----\" block)" + (certs ? ": it holds certificates; are the certificate and key"
                    + " files swapped?" : ""));
        }
        if (keys.size() > 1) {
            throw new IllegalArgumentException(what + " file " + file + " holds " + keys.size()
                    + " private keys: keep the one that belongs to the certificate");
        }
        byte[] der = keys.get(0).der();
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no " + algorithm + " key factory", e);
            }
        }
        throw new IllegalArgumentException(what + " file " + file + ": the PKCS#8 key is neither an RSA nor an EC"
                + " key, or it is damaged");
    }

    /**
     * A PEM key with its certificate chain, checked to belong together, as an in-memory keystore (entry
     * {@link #KEY_ALIAS}, password {@code password}).
     */
    public static KeyStore pemKeyStore(Path chainFile, Path keyFile, char[] password) {
        List<X509Certificate> chain = certificates(chainFile, "TLS certificate chain");
        PrivateKey key = privateKey(keyFile, "TLS private key");
        checkPair(key, chain.get(0).getPublicKey(), keyFile, chainFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, key, password, chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot keep the key of " + keyFile + " in memory: " + e, e);
        }
    }

    /** The CA certificates of a PEM file as an in-memory trust store. */
    public static KeyStore pemTrustStore(Path file) {
        List<X509Certificate> cas = certificates(file, "trusted CA certificates");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot keep the CA certificates of " + file + " in memory: " + e, e);
        }
    }

    /** A PKCS#12 keystore file that holds at least one private key entry. */
    public static KeyStore pkcs12(Path file, char[] password) {
        byte[] bytes = read(file, "PKCS#12 keystore");
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PKCS12 keystore", e);
        }
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            boolean password_ = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("password");
            throw new IllegalArgumentException("PKCS#12 keystore file " + file + " cannot be opened: "
                    + (password_ ? "wrong password" : "not a PKCS#12 file, or damaged (" + e.getMessage() + ")"));
        }
        try {
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                if (store.isKeyEntry(aliases.nextElement())) {
                    return store;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("PKCS#12 keystore file " + file + " holds no private key entry");
    }

    /** Checks that {@code key} is the private half of {@code publicKey}, by signing and verifying. */
    private static void checkPair(PrivateKey key, PublicKey publicKey, Path keyFile, Path chainFile) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        boolean match;
        try {
            byte[] data = new byte[32];
            new SecureRandom().nextBytes(data);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(data);
            match = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            match = false;
        }
        if (!match) {
            throw new IllegalArgumentException("TLS private key file " + keyFile + " does not belong to the first"
                    + " (leaf) certificate of " + chainFile + ": give the key the certificate was issued for"
                    + " (when both files are being replaced, the other one may not have been written yet)");
        }
    }

    private static List<Block> blocks(Path file, String what) {
        String text = new String(read(file, what), StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(m.group(3))) {
                throw new IllegalArgumentException(what + " file " + file + ": a \"BEGIN " + m.group(1)
                        + "\" block ends with \"END " + m.group(3) + "\": the file is damaged");
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2).strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " file " + file + ": the \"" + m.group(1)
                        + "\" block is not valid base64: the file is damaged");
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(what + " file " + file + " is not a PEM file (no \"-----BEGIN"
                    + " ...-----\" block)" + (text.isBlank() ? ": it is empty" : ""));
        }
        return blocks;
    }

    /** The bytes of a small file; the message says what is wrong with it (missing, unreadable, too large). */
    static byte[] read(Path file, String what) {
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(what + " file " + file + " is a directory");
            }
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new IllegalArgumentException(what + " file " + file + " is larger than 1 MiB: not a key or"
                        + " certificate file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(what + " file " + file + " cannot be read: permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " file " + file + " cannot be read: " + e);
        }
    }

    private static CertificateFactory x509Factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }
}
