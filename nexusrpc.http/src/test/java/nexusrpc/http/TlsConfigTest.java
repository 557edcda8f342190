package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.handler.transport.OperationCompletion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS settings: what a broken file or a wrong combination is told, and the completion sender's TLS. */
class TlsConfigTest {
    @TempDir
    static Path dir;
    private static TestCa ca;
    private static Path caFile;
    private static Path cert;
    private static Path key;

    @BeforeAll
    static void certificates() {
        ca = TestCa.create("config-ca");
        caFile = ca.writePem(dir.resolve("ca.pem"));
        cert = dir.resolve("server.pem");
        key = dir.resolve("server.key");
        ca.issue("server").writePem(cert, key);
    }

    private static String refused(Path chain, Path privateKey) {
        return assertThrows(IllegalArgumentException.class, () -> ServerTls.pem(chain, privateKey).build())
                .getMessage();
    }

    @Test
    void brokenFilesAreNamedWithWhatIsWrong() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertEquals("TLS certificate chain file " + missing + " does not exist", refused(missing, key));

        String swapped = refused(key, cert);
        assertTrue(swapped.contains(key.toString()) && swapped.contains("swapped"), swapped);

        Path pkcs1 = dir.resolve("pkcs1.key");
        Files.writeString(pkcs1, TestCa.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
        String legacy = refused(cert, pkcs1);
        assertTrue(legacy.contains(pkcs1.toString()) && legacy.contains("openssl pkcs8 -topk8 -nocrypt"), legacy);

        Path encrypted = dir.resolve("encrypted.key");
        Files.writeString(encrypted, TestCa.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        assertTrue(refused(cert, encrypted).contains("encrypted"));

        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "");
        assertEquals("TLS certificate chain file " + empty + " is not a PEM file (no \"-----BEGIN ...-----\""
                + " block): it is empty", refused(empty, key));

        Path otherKey = dir.resolve("other.key");
        ca.issue("other").writePem(dir.resolve("other.pem"), otherKey);
        String mismatch = refused(cert, otherKey);
        assertTrue(mismatch.contains("does not belong to the first (leaf) certificate of " + cert), mismatch);

        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        String damaged = refused(garbage, key);
        assertTrue(damaged.contains(garbage.toString()) && damaged.contains("cannot be parsed"), damaged);

        String wrongPassword = assertThrows(IllegalArgumentException.class,
                () -> ServerTls.pkcs12(cert, "x".toCharArray()).build()).getMessage();
        assertTrue(wrongPassword.startsWith("PKCS#12 keystore file " + cert + " cannot be opened"), wrongPassword);
    }

    @Test
    void wrongCombinationsSayWhatToChange() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerTls.pem(cert, key)
                .clientAuth(ServerTls.ClientAuth.REQUIRED).build()).getMessage().contains("trustedCertificates"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerTls.pem(cert, key)
                .trustedCertificates(caFile).build()).getMessage().contains("clientAuth"));
        ClientTls tls = ClientTls.builder().trustedCertificates(caFile).build();
        assertThrows(IllegalStateException.class, () -> NexusHttpClient.builder(URI.create("https://127.0.0.1:1/"))
                .tls(tls).httpClient(java.net.http.HttpClient.newHttpClient()).build());
        assertThrows(IllegalStateException.class, () -> CompletionSender.builder()
                .tls(tls).httpClient(java.net.http.HttpClient.newHttpClient()).build());
    }

    @Test
    void settingsShowNoSecrets() {
        char[] password = "s3cret-pass".toCharArray();
        java.security.KeyStore store = nexusrpc.http.internal.TlsFiles.pemKeyStore(cert, key, password);
        ServerTls tls = ServerTls.keyStore(store, password).build();
        assertTrue(!tls.toString().contains("s3cret"), tls.toString());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), tls.protocols());
    }

    @Test
    void theCompletionSenderDeliversOverMutualTls() throws Exception {
        TestCa.Issued receiverCert = ca.issue("receiver");
        TestCa.Issued senderCert = ca.issue("sender");
        Path senderChain = dir.resolve("sender.pem");
        Path senderKey = dir.resolve("sender.key");
        senderCert.writePem(senderChain, senderKey);
        LinkedBlockingQueue<Certificate> clients = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<ReceivedCompletion> received = new LinkedBlockingQueue<>();
        SSLContext receiverContext = ca.rawContext(receiverCert);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(receiverContext) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters p = receiverContext.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        CompletionReceiver receiver = CompletionReceiver.create(received::add);
        https.createContext("/callbacks", ex -> {
            // read as the server reads it, so that this runs on either engine
            clients.add(PeerReader.tls().read(ex).verifiedLeafCertificate().orElseThrow());
            receiver.handle(ex);
        });
        https.start();
        try (CompletionSender sender = CompletionSender.builder()
                .tls(ClientTls.builder().trustedCertificates(caFile).clientCertificate(senderChain, senderKey).build())
                .build()) {
            CompletableFuture<Void> f = sender.deliver("https://127.0.0.1:" + https.getAddress().getPort()
                    + "/callbacks", Headers.empty(), OperationCompletion.succeeded("t-tls", Content.empty(), null));
            f.get(20, TimeUnit.SECONDS);
            assertEquals("t-tls", received.poll(10, TimeUnit.SECONDS).token());
            assertEquals(senderCert.leaf(), clients.poll(10, TimeUnit.SECONDS));
        } finally {
            https.stop(0);
        }
    }
}
