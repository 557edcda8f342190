package nexusrpc.http;

import static nexusrpc.http.RawHttp.json;
import static nexusrpc.http.RawHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.api.SensitiveHeaders;
import nexusrpc.api.client.CallOptions;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.http.testservice.JobInput;
import nexusrpc.http.testservice.TestService;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Completions that cannot be forged or replayed, on both engines: the client issues a per-operation credential with
 * each callback, the receiver refuses completions without one (401) or with a wrong one (403) and delivers each
 * verified callback once.
 */
class HttpCompletionSecretsTest {
    private static final String SECRET_HEADER = "Nexus-Callback-" + CallbackSecrets.HEADER;
    private static final BlockingQueue<ReceivedCompletion> received = new LinkedBlockingQueue<>();
    private static final CallbackSecrets secrets = CallbackSecrets.create();
    private static HttpServer callerServer;
    private static URI callbacks;
    private static CompletionSender sender;
    private static NexusHttpServer server;
    private static NexusHttpClient client;

    @BeforeAll
    static void start() throws IOException {
        callerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callerServer.createContext("/callbacks", CompletionReceiver.builder(received::add).verifier(secrets)
                .build());
        callerServer.start();
        callbacks = URI.create("http://127.0.0.1:" + callerServer.getAddress().getPort() + "/");
        sender = CompletionSender.builder().retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMillis(20))
                .maxDelay(Duration.ofMillis(100)).maxElapsed(Duration.ofSeconds(10)).build()).build();
        server = NexusHttpServer.start(NexusHandler.builder().service(new TestServiceImpl(sender)).build(),
                new InetSocketAddress("127.0.0.1", 0));
        client = NexusHttpClient.builder(server.baseUri()).callbackSecrets(secrets).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        sender.close();
        callerServer.stop(0);
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    private static String startJob(String message) throws Exception {
        return client.client(TestService.class).start(TestService::job, new JobInput(message, "succeed", 0L),
                CallOptions.builder().callbackUrl(callbacks + "callbacks").build()).handle().token();
    }

    private static HttpResponse<byte[]> complete(String token, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Nexus-Operation-State";
        all[1] = "succeeded";
        all[2] = "Nexus-Operation-Token";
        all[3] = token;
        System.arraycopy(headers, 0, all, 4, headers.length);
        return post(callbacks, "callbacks", "{\"message\":\"forged\"}", all);
    }

    private static void assertRefused(HttpResponse<byte[]> r, int status, String message) {
        assertEquals(status, r.statusCode());
        assertEquals(message, json(r).get("message").asText());
    }

    @Test
    void theRealCompletionIsDeliveredOnceAndItsReplayIsAcknowledgedButNotDelivered() throws Exception {
        String token = startJob("real");
        ReceivedCompletion c = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(c, "the completion did not arrive");
        assertEquals(token, c.token());
        VerifiedCallback callback = c.callback().orElseThrow();
        assertEquals("test-service", callback.service());
        assertEquals("job", callback.operation());
        String credential = c.headers().get(CallbackSecrets.HEADER);
        assertTrue(c.headers().toString().contains(CallbackSecrets.HEADER.toLowerCase() + "="
                + SensitiveHeaders.REDACTED), c.headers().toString());

        HttpResponse<byte[]> replay = complete(token, CallbackSecrets.HEADER, credential);
        assertEquals(200, replay.statusCode());
        assertNull(received.poll(300, TimeUnit.MILLISECONDS), "a replayed completion was delivered again");
    }

    @Test
    void aCompletionWithoutCredentialsIs401() {
        assertRefused(complete("t-1"), 401, "the completion is not authenticated");
        assertTrue(received.isEmpty());
    }

    @Test
    void aWrongMacIs403() {
        String valid = secrets.issue("test-service", "job");
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertRefused(complete("t-2", CallbackSecrets.HEADER, forged), 403, "the completion is not accepted");
        assertRefused(complete("t-2", CallbackSecrets.HEADER, "garbage"), 403, "the completion is not accepted");
        // issued with another key
        assertRefused(complete("t-2", CallbackSecrets.HEADER, CallbackSecrets.create().issue("test-service", "job")),
                403, "the completion is not accepted");
        assertTrue(received.isEmpty());
    }

    @Test
    void aCredentialForAnotherOperationCannotBeRelabelled() {
        String forEcho = secrets.issue("test-service", "echo");
        String[] parts = forEcho.split("\\.");
        parts[4] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("job".getBytes());
        String relabelled = String.join(".", parts);
        assertRefused(complete("t-3", CallbackSecrets.HEADER, relabelled), 403, "the completion is not accepted");
        assertTrue(received.isEmpty());
    }

    @Test
    void theVerifierChecksServiceAndOperationAndExpiry() throws Exception {
        VerifiedCallback v = secrets.verify(Headers.of(CallbackSecrets.HEADER, secrets.issue("svc", "op/with.dots")));
        assertEquals("svc", v.service());
        assertEquals("op/with.dots", v.operation());
        CallbackSecrets shortLived = secrets.validity(Duration.ofSeconds(1));
        String expiring = shortLived.issue("svc", "op");
        String[] parts = expiring.split("\\.");
        // the expiry is signed: moving it forward breaks the MAC
        parts[2] = String.valueOf(Long.parseLong(parts[2]) + 3600);
        assertEquals(HandlerException.ErrorType.UNAUTHORIZED, assertThrows(HandlerException.class,
                () -> secrets.verify(Headers.of(CallbackSecrets.HEADER, String.join(".", parts)))).type());
    }

    @Test
    void theClientSendsTheCredentialAsACallbackHeader() {
        // the callback header travels to the handler under the Nexus-Callback- prefix
        assertTrue(SensitiveHeaders.isSensitive(SECRET_HEADER));
        assertTrue(SensitiveHeaders.isSensitive(CallbackSecrets.HEADER));
    }
}
