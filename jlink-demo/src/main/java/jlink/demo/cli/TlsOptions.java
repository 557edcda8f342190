package jlink.demo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nexusrpc.http.ClientTls;
import nexusrpc.http.ServerTls;

/**
 * The TLS options of serve ({@code --tls-cert --tls-key [--client-ca]}) and call ({@code --cacert [--cert --key]}):
 * files checked up front, so that a missing or unreadable one is reported with its option, and the SDK's message
 * about a broken one (which names the file) with the option that gave it.
 */
final class TlsOptions {
    private final Map<String, Path> files = new LinkedHashMap<>();

    private TlsOptions() {}

    /** The files of the given options that were set, each checked to be a readable file. */
    static TlsOptions read(Args a, String... options) throws UsageException {
        TlsOptions t = new TlsOptions();
        for (String option : options) {
            String value = a.option(option, null);
            if (value == null) {
                continue;
            }
            Path file = Path.of(value);
            if (!Files.exists(file)) {
                throw new UsageException("--" + option + " " + value + ": no such file");
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new UsageException("--" + option + " " + value + ": not a readable file");
            }
            t.files.put(option, file);
        }
        return t;
    }

    boolean has(String option) {
        return files.containsKey(option);
    }

    boolean any() {
        return !files.isEmpty();
    }

    /** serve's settings: a certificate chain and key, and with --client-ca, client certificates required. */
    ServerTls server() throws UsageException {
        if (has("tls-cert") != has("tls-key")) {
            throw new UsageException("--tls-cert and --tls-key go together: the certificate chain (PEM) and its"
                    + " private key (PEM PKCS#8)");
        }
        if (!has("tls-cert")) {
            throw new UsageException("--client-ca needs --tls-cert and --tls-key: client certificates are checked"
                    + " over HTTPS only");
        }
        ServerTls.Builder b = ServerTls.pem(files.get("tls-cert"), files.get("tls-key"));
        if (has("client-ca")) {
            b.clientAuth(ServerTls.ClientAuth.REQUIRED).trustedCertificates(files.get("client-ca"));
        }
        return build(b::build);
    }

    /** call's settings: trusted CAs (--cacert; else the JDK's), and a client certificate (--cert, --key). */
    ClientTls client() throws UsageException {
        if (has("cert") != has("key")) {
            throw new UsageException("--cert and --key go together: the client certificate chain (PEM) and its"
                    + " private key (PEM PKCS#8)");
        }
        ClientTls.Builder b = ClientTls.builder();
        if (has("cacert")) {
            b.trustedCertificates(files.get("cacert"));
        }
        if (has("cert")) {
            b.clientCertificate(files.get("cert"), files.get("key"));
        }
        return build(b::build);
    }

    private interface Build<T> {
        T build();
    }

    private <T> T build(Build<T> build) throws UsageException {
        try {
            return build.build();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            for (Map.Entry<String, Path> f : files.entrySet()) {
                if (message.contains(f.getValue().toString())) {
                    throw new UsageException("--" + f.getKey() + " " + f.getValue() + ": " + message);
                }
            }
            throw new UsageException(message);
        }
    }
}
