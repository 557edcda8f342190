package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.transport.TransportPeer;
import nexusrpc.http.testservice.Echo;
import nexusrpc.http.testservice.TestService;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS and mutual TLS on the engine this run serves with (the build runs it on the JDK's engine and on Jetty's),
 * with a CA and certificates made at test time.
 */
class HttpTlsTest {
    @TempDir
    static Path dir;
    private static TestCa ca;
    private static TestCa otherCa;
    private static Path caFile;
    private static Path serverCert;
    private static Path serverKey;
    private static TestCa.Issued client;

    @BeforeAll
    static void certificates() {
        ca = TestCa.create("test-ca");
        otherCa = TestCa.create("other-ca");
        caFile = ca.writePem(dir.resolve("ca.pem"));
        serverCert = dir.resolve("server.pem");
        serverKey = dir.resolve("server.key");
        ca.issue("server").writePem(serverCert, serverKey);
        client = ca.issue("client");
    }

    @AfterAll
    static void noop() {
        // the temporary directory is removed by JUnit
    }

    /** Records the peer of every request the server hands on, then lets the handler serve it. */
    private static final class Recording implements NexusEndpoint {
        final NexusHandler handler = NexusHandler.builder().service(new TestServiceImpl(null)).build();
        final Queue<TransportPeer> peers = new ConcurrentLinkedQueue<>();

        @Override
        public StartOutcome start(StartRequest request) {
            peers.add(request.peer());
            return handler.start(request);
        }

        @Override
        public FetchInfoOutcome fetchInfo(TokenRequest request) {
            peers.add(request.peer());
            return handler.fetchInfo(request);
        }

        @Override
        public FetchResultOutcome fetchResult(TokenRequest request, Duration wait) {
            peers.add(request.peer());
            return handler.fetchResult(request, wait);
        }

        @Override
        public CancelOutcome cancel(TokenRequest request) {
            peers.add(request.peer());
            return handler.cancel(request);
        }
    }

    private static NexusHttpServer serve(NexusEndpoint endpoint, ServerTls tls) {
        return NexusHttpServer.builder(endpoint).address(new InetSocketAddress("127.0.0.1", 0)).tls(tls).start();
    }

    private static ServerTls.Builder serverTls() {
        return ServerTls.pem(serverCert, serverKey);
    }

    private static ServerTls mutual(ServerTls.ClientAuth mode) {
        return serverTls().clientAuth(mode).trustedCertificates(caFile).build();
    }

    private static Path clientFile(String name, TestCa.Issued issued) {
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        issued.writePem(cert, key);
        return cert;
    }

    private static ClientTls clientTls(TestCa.Issued certificate, String name) {
        ClientTls.Builder b = ClientTls.builder().trustedCertificates(caFile);
        if (certificate != null) {
            Path cert = clientFile(name, certificate);
            b.clientCertificate(cert, dir.resolve(name + ".key"));
        }
        return b.build();
    }

    /** A raw POST of the echo operation with a client made from {@code tls}; IOExceptions are the test's. */
    private static HttpResponse<String> echo(ClientTls tls, URI base) throws IOException, InterruptedException {
        HttpClient http = tls.applyTo(HttpClient.newBuilder()).build();
        return http.send(HttpRequest.newBuilder(base.resolve("test-service/echo"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"tls\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The echo operation with a client that offers {@code certificate} whatever CAs the server names (the SDK's
     * client, like the JDK's, would send none of a CA the server does not name): the server's own check shows.
     */
    private static int rawEcho(TestCa.Issued certificate, URI base) throws IOException, InterruptedException {
        // the server's certificate is checked against the test CA: a stranger's client also trusts it
        HttpClient http = HttpClient.newBuilder().sslContext(ca.rawContext(certificate)).build();
        return http.send(HttpRequest.newBuilder(base.resolve("test-service/echo"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"tls\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void servesHttpsAndTellsTheEngineTheCallersAddress() throws Exception {
        Recording endpoint = new Recording();
        try (NexusHttpServer server = serve(endpoint, serverTls().build())) {
            assertEquals("https", server.baseUri().getScheme());
            ServerTls tls = server.config().tls().orElseThrow();
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), tls.protocols());
            assertEquals(ServerTls.ClientAuth.NONE, tls.clientAuth());
            assertTrue(tls.keySource().contains(serverKey.toString()), tls.keySource());

            NexusHttpClient nexus = NexusHttpClient.builder(server.baseUri())
                    .tls(ClientTls.builder().trustedCertificates(caFile).build()).build();
            assertEquals("hi", nexus.client(TestService.class).execute(TestService::echo, new Echo("hi")).message());
            TransportPeer peer = endpoint.peers.remove();
            assertEquals(InetAddress.getByName("127.0.0.1"), peer.remoteAddress().orElseThrow().getAddress());
            assertTrue(peer.verifiedCertificates().isEmpty());
        }
    }

    @Test
    void requiredClientCertificatesReachTheEngineVerified() throws Exception {
        Recording endpoint = new Recording();
        try (NexusHttpServer server = serve(endpoint, mutual(ServerTls.ClientAuth.REQUIRED))) {
            ClientTls tls = clientTls(client, "client");
            assertEquals(200, echo(tls, server.baseUri()).statusCode());
            X509Certificate leaf = endpoint.peers.remove().verifiedLeafCertificate().orElseThrow();
            assertEquals(client.leaf(), leaf);

            // the verbs on a token get the peer too
            HttpClient http = tls.applyTo(HttpClient.newBuilder()).build();
            http.send(HttpRequest.newBuilder(server.baseUri().resolve("test-service/job"))
                    .header("Nexus-Operation-Token", "no-such-token").GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(client.leaf(), endpoint.peers.remove().verifiedLeafCertificate().orElseThrow());
        }
    }

    @Test
    void requiredClientCertificatesRefuseNoneUnknownCaAndExpired() throws Exception {
        Recording endpoint = new Recording();
        Instant now = Instant.now();
        TestCa.Issued expired = ca.issue("expired", List.of("localhost"), now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(1)), false);
        try (NexusHttpServer server = serve(endpoint, mutual(ServerTls.ClientAuth.REQUIRED))) {
            URI base = server.baseUri();
            assertThrows(IOException.class, () -> echo(clientTls(null, null), base), "no certificate");
            assertThrows(IOException.class, () -> rawEcho(otherCa.issue("stranger"), base),
                    "a certificate from a CA the server does not trust");
            assertThrows(IOException.class, () -> rawEcho(expired, base), "an expired certificate");
            assertTrue(endpoint.peers.isEmpty(), "no refused request reached the engine");
            // and a good one still gets in, with either client
            assertEquals(200, echo(clientTls(client, "client"), base).statusCode());
            assertEquals(200, rawEcho(client, base));
        }
    }

    @Test
    void optionalClientCertificatesAcceptClientsWithoutOne() throws Exception {
        Recording endpoint = new Recording();
        try (NexusHttpServer server = serve(endpoint, mutual(ServerTls.ClientAuth.OPTIONAL))) {
            assertEquals(200, echo(clientTls(null, null), server.baseUri()).statusCode());
            assertTrue(endpoint.peers.remove().verifiedCertificates().isEmpty());
            assertEquals(200, echo(clientTls(client, "client"), server.baseUri()).statusCode());
            assertEquals(client.chain(), endpoint.peers.remove().verifiedCertificates());
            assertThrows(IOException.class, () -> rawEcho(otherCa.issue("stranger"), server.baseUri()),
                    "a certificate, if sent, must be valid");
        }
    }

    @Test
    void tls10And11AreRefused() throws Exception {
        SSLContext raw = ca.rawContext(null);
        // this test JVM allows TLS 1.1 (src/test/legacy-tls.security): a plain JDK server accepts it, so the
        // refusal below is the SDK server's own
        assertEquals("TLSv1.1", plainServerHandshake(raw));
        try (NexusHttpServer server = serve(new Recording(), serverTls().build())) {
            for (String protocol : List.of("TLSv1", "TLSv1.1")) {
                try (SSLSocket socket = (SSLSocket) raw.getSocketFactory().createSocket("127.0.0.1",
                        server.address().getPort())) {
                    socket.setSoTimeout(10_000);
                    socket.setEnabledProtocols(new String[] {protocol});
                    assertThrows(SSLException.class, socket::startHandshake, protocol);
                }
            }
            try (SSLSocket socket = (SSLSocket) raw.getSocketFactory().createSocket("127.0.0.1",
                    server.address().getPort())) {
                socket.setSoTimeout(10_000);
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                socket.startHandshake();
                assertEquals("TLSv1.2", socket.getSession().getProtocol());
            }
        }
    }

    /** The protocol a plain JDK server and a TLS 1.1 client agree on, with this JVM's settings. */
    private static String plainServerHandshake(SSLContext clientContext) throws Exception {
        TestCa.Issued server = ca.issue("plain");
        SSLContext serverContext = ca.rawContext(server);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.1", "TLSv1.2"});
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket(
                    InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.setEnabledProtocols(new String[] {"TLSv1.1"});
                socket.startHandshake();
                accepted.get(10, TimeUnit.SECONDS);
                return socket.getSession().getProtocol();
            }
        }
    }

    @Test
    void theClientRefusesAServerCertificateForAnotherHostName() throws Exception {
        Path cert = dir.resolve("elsewhere.pem");
        Path key = dir.resolve("elsewhere.key");
        ca.issue("elsewhere", List.of("elsewhere.example"), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)), false).writePem(cert, key);
        Recording endpoint = new Recording();
        try (NexusHttpServer server = serve(endpoint, ServerTls.pem(cert, key).build())) {
            IOException e = assertThrows(IOException.class, () -> echo(clientTls(null, null), server.baseUri()));
            assertTrue(String.valueOf(e.getMessage()).contains("127.0.0.1"), e.getMessage());
            assertTrue(endpoint.peers.isEmpty());
        }
    }

    @Test
    void replacedCertificateFilesServeNewHandshakesAndBrokenOnesAreNotUsed() throws Exception {
        Path cert = dir.resolve("reloaded.pem");
        Path key = dir.resolve("reloaded.key");
        TestCa.Issued first = ca.issue("first");
        first.writePem(cert, key);
        ServerTls tls = ServerTls.pem(cert, key).reloadCheckInterval(Duration.ZERO).build();
        try (NexusHttpServer server = serve(new Recording(), tls)) {
            assertEquals(first.leaf(), servedCertificate(server));

            // an RSA key this time; the modification times move on, as a renewal's would
            TestCa.Issued second = ca.issue("second", List.of("127.0.0.1"), Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().plus(Duration.ofDays(1)), true);
            second.writePem(cert, key);
            touch(cert, key);
            assertEquals(second.leaf(), servedCertificate(server));

            // a broken key file: new handshakes keep the material loaded before (and a WARN is logged)
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");
            touch(key);
            assertEquals(second.leaf(), servedCertificate(server));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, server::reloadTls);
            assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
            assertEquals(second.leaf(), servedCertificate(server));

            // repaired, then reloaded explicitly
            TestCa.Issued third = ca.issue("third");
            third.writePem(cert, key);
            server.reloadTls();
            assertEquals(third.leaf(), servedCertificate(server));
        }
    }

    /** The certificate a fresh client (no session to resume) is shown. */
    private static X509Certificate servedCertificate(NexusHttpServer server) throws Exception {
        HttpResponse<String> r = echo(clientTls(null, null), server.baseUri());
        assertEquals(200, r.statusCode());
        return (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    private static void touch(Path... files) throws IOException {
        for (Path f : files) {
            FileTime t = Files.getLastModifiedTime(f);
            Files.setLastModifiedTime(f, FileTime.fromMillis(t.toMillis() + 10_000));
        }
    }

    @Test
    void aPlainServerHasNoTlsToReload() {
        try (NexusHttpServer server = NexusHttpServer.builder(new Recording()).build()) {
            assertFalse(server.config().tls().isPresent());
            assertThrows(IllegalStateException.class, server::reloadTls);
        }
    }
}
