package nexusrpc.http;

import static nexusrpc.http.RawHttp.get;
import static nexusrpc.http.RawHttp.header;
import static nexusrpc.http.RawHttp.json;
import static nexusrpc.http.RawHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.security.AccessRules;
import nexusrpc.handler.security.BearerTokenAuthenticator;
import nexusrpc.handler.security.CallerAuthenticator;
import nexusrpc.handler.security.OperationVerb;
import nexusrpc.http.testservice.Echo;
import nexusrpc.http.testservice.JobInput;
import nexusrpc.http.testservice.TestService;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Caller authentication and authorization over HTTP, on both engines (the pom's two executions): the peer's address
 * reaches the authenticator, refusals are 401 / 403 with the specification's failure body and no detail, per
 * operation and per verb.
 */
class HttpSecurityTest {
    private static final String WRITER_TOKEN = "writer-token-7f3a9c";
    private static final String READER_TOKEN = "reader-token-1b2c3d";
    private static final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
    private static BearerTokenAuthenticator tokens;
    private static NexusHttpServer server;
    private static URI base;

    @BeforeAll
    static void start() {
        tokens = BearerTokenAuthenticator.create(Map.of(WRITER_TOKEN, "writer", READER_TOKEN, "reader"));
        CallerAuthenticator recordingPeers = request -> {
            request.peer().remoteAddress().ifPresent(peers::add);
            return tokens.authenticate(request);
        };
        server = NexusHttpServer.builder(NexusHandler.builder().service(new TestServiceImpl(null))
                        .authenticator(recordingPeers)
                        .authorizer(AccessRules.builder()
                                .allow("writer", "test-service", AccessRules.ANY)
                                .allow("reader", "test-service", "echo", OperationVerb.START)
                                .allow("reader", "test-service", "job", OperationVerb.FETCH_INFO)
                                .build())
                        .build())
                .start();
        base = server.baseUri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ServiceClient<TestService> client(String token) {
        NexusHttpClient.Builder b = NexusHttpClient.builder(base);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build().client(TestService.class);
    }

    private static void assertFailure(HttpResponse<byte[]> r, int status, String message) {
        assertEquals(status, r.statusCode());
        assertEquals("application/json", header(r, "Content-Type"));
        JsonNode f = json(r);
        assertEquals(message, f.get("message").asText());
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithNoDetail() {
        assertFailure(post(base, "test-service/echo", "{\"message\":\"hi\"}"), 401,
                "the caller is not authenticated");
        assertFailure(post(base, "test-service/echo", "{\"message\":\"hi\"}", "Authorization",
                "Bearer not-a-known-token"), 401, "the caller is not authenticated");
        assertFailure(get(base, "test-service/job", "Nexus-Operation-Token", "t-1"), 401,
                "the caller is not authenticated");
        assertFalse(peers.isEmpty());
        assertTrue(peers.get(0).getAddress().isLoopbackAddress(), peers.toString());
    }

    @Test
    void aCallerNotAllowedGets403PerOperation() throws Exception {
        assertEquals(new Echo("hi"), client(READER_TOKEN).execute(TestService::echo, new Echo("hi")));
        assertFailure(post(base, "test-service/job", "{\"message\":\"x\",\"outcome\":\"hold\"}", "Authorization",
                "Bearer " + READER_TOKEN), 403, "the caller is not allowed to make this request");
        HandlerException e = assertThrows(HandlerException.class,
                () -> client(READER_TOKEN).execute(TestService::slow, new Echo("hi")));
        assertEquals(ErrorType.UNAUTHORIZED, e.type());
        assertEquals("the caller is not allowed to make this request", e.getMessage());
    }

    @Test
    void aCallerNotAllowedGets403PerVerb() throws Exception {
        String token = client(WRITER_TOKEN).start(TestService::job, new JobInput("held", "hold", 0L),
                CallOptions.defaults()).handle().token();
        ServiceClient<TestService> reader = client(READER_TOKEN);
        assertEquals(nexusrpc.api.OperationState.RUNNING, reader.handle(TestService::job, token).info().state());
        HandlerException cancel = assertThrows(HandlerException.class,
                () -> reader.handle(TestService::job, token).cancel());
        assertEquals(ErrorType.UNAUTHORIZED, cancel.type());
        assertFailure(get(base, "test-service/job/result", "Nexus-Operation-Token", token, "Authorization",
                "Bearer " + READER_TOKEN), 403, "the caller is not allowed to make this request");
        client(WRITER_TOKEN).handle(TestService::job, token).cancel();
    }

    @Test
    void aRotatedTokenIsRefusedAndItsSuccessorAccepted() throws Exception {
        String next = "writer-token-rotated-42";
        try {
            tokens.rotate(Map.of(next, "writer", READER_TOKEN, "reader"));
            HandlerException e = assertThrows(HandlerException.class,
                    () -> client(WRITER_TOKEN).execute(TestService::echo, new Echo("old")));
            assertEquals(ErrorType.UNAUTHENTICATED, e.type());
            assertEquals(new Echo("new"), client(next).execute(TestService::echo, new Echo("new")));
        } finally {
            tokens.rotate(Map.of(WRITER_TOKEN, "writer", READER_TOKEN, "reader"));
        }
    }
}
