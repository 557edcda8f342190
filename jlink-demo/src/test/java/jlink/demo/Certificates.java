package jlink.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA, a server certificate for 127.0.0.1 and a client certificate, made at test time with the
 * JDK's {@code keytool} (the SDK's test CA lives in nexusrpc.http's tests, which this module does not depend on), written
 * as the PEM files serve and call read.
 *
 * @param ca the CA certificate
 * @param serverChain the server's chain (leaf, CA)
 * @param serverKey the server's PKCS#8 key
 * @param clientChain the client's chain
 * @param clientKey the client's PKCS#8 key
 */
record Certificates(Path ca, Path serverChain, Path serverKey, Path clientChain, Path clientKey) {
    private static final String PASSWORD = "changeit";

    static Certificates make(Path dir, Path keytool) throws Exception {
        Path caStore = dir.resolve("ca.p12");
        keytool(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=nexus-demo test CA", "-ext", "bc:c", "-validity", "2", "-keystore", caStore.toString());
        Path ca = dir.resolve("ca.pem");
        keytool(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-file",
                ca.toString());
        Path[] server = issue(dir, keytool, caStore, ca, "server", "san=ip:127.0.0.1,dns:localhost");
        Path[] client = issue(dir, keytool, caStore, ca, "client", "eku=clientAuth");
        return new Certificates(ca, server[0], server[1], client[0], client[1]);
    }

    /** A key pair in a store of its own, its certificate signed by the CA; returns the PEM chain and key. */
    private static Path[] issue(Path dir, Path keytool, Path caStore, Path ca, String name, String ext)
            throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + name, "-validity", "2", "-keystore", store.toString());
        Path csr = dir.resolve(name + ".csr");
        keytool(keytool, "-certreq", "-alias", name, "-keystore", store.toString(), "-file", csr.toString());
        Path cert = dir.resolve(name + ".crt");
        keytool(keytool, "-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-infile",
                csr.toString(), "-outfile", cert.toString(), "-ext", ext, "-validity", "2");
        Path chain = dir.resolve(name + "-chain.pem");
        Files.writeString(chain, Files.readString(cert) + Files.readString(ca));
        Path key = dir.resolve(name + ".key");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey(store, name).getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {chain, key};
    }

    private static Key privateKey(Path store, String alias) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks.getKey(alias, PASSWORD.toCharArray());
    }

    private static void keytool(Path keytool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
