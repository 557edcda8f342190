package jlink.demo;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 and a self-signed client certificate, made at test time with the
 * JDK's {@code keytool} (the SDK's test CA lives in nexusrpc.http's tests, which this module does not depend on) and
 * written as the PEM files serve and call read. Each certificate is its own CA: the client trusts the server's
 * ({@code --cacert}), the server the client's ({@code --client-ca}). One keytool run each: they are slow to start.
 *
 * @param serverCertificate the server's certificate (also what the client trusts)
 * @param serverKey the server's PKCS#8 key
 * @param clientCertificate the client's certificate (also what the server trusts)
 * @param clientKey the client's PKCS#8 key
 */
record Certificates(Path serverCertificate, Path serverKey, Path clientCertificate, Path clientKey) {
    private static final String PASSWORD = "changeit";

    static Certificates make(Path dir, Path keytool) throws Exception {
        Path[] server = selfSigned(dir, keytool, "server", "san=ip:127.0.0.1,dns:localhost");
        Path[] client = selfSigned(dir, keytool, "client", "eku=clientAuth");
        return new Certificates(server[0], server[1], client[0], client[1]);
    }

    /** A self-signed certificate; returns its PEM certificate and PKCS#8 key files. */
    private static Path[] selfSigned(Path dir, Path keytool, String name, String ext) throws Exception {
        Path store = dir.resolve(name + ".p12");
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg",
                "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", ext, "-validity", "2", "-keystore",
                store.toString(), "-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Path cert = dir.resolve(name + ".pem");
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate(name).getEncoded()));
        Path key = dir.resolve(name + ".key");
        Files.writeString(key, pem("PRIVATE KEY", ks.getKey(name, PASSWORD.toCharArray()).getEncoded()));
        return new Path[] {cert, key};
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
