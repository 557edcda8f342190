package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller whose endpoint URL has the wrong base path is told so, with the server's base path: not sent looking for a
 * "/result" or "/cancel" it never asked for.
 */
class BasePathMessagesTest {
    private static NexusHttpServer server;
    private static String host;

    @BeforeAll
    static void start() {
        server = NexusHttpServer.builder(NexusHandler.builder().service(new TestServiceImpl(null)).build())
                .basePath("/api")
                .start();
        host = "http://127.0.0.1:" + server.address().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBasePathTooManyIsNamedWithTheServersBasePath() {
        HandlerError e = startAt(host + "/api/nexus/");

        assertEquals(ErrorType.NOT_FOUND, e.type());
        assertEquals("nothing is served at \"/api/nexus/test-service/echo\": after /api/{service}/{operation} only"
                + " /result (fetchResult) or /cancel (cancel) may follow; or, if the endpoint URL's base path is"
                + " \"/api/nexus/\", it is wrong: this server serves Nexus at \"/api/\"", e.failure().message());
    }

    @Test
    void aBasePathTooManyOnAFetchResultIsNamedToo() {
        FetchResultOutcome outcome = NexusHttpClient.create(URI.create(host + "/api/v1/nexus/"))
                .fetchResult(TokenRequest.builder("test-service", "echo", "t").build(), java.time.Duration.ZERO);

        HandlerError e = assertInstanceOf(HandlerError.class, outcome, outcome::toString);
        assertEquals("nothing is served at \"/api/v1/nexus/test-service/echo/result\": Nexus requests go to"
                + " /api/{service}/{operation}[/result|/cancel], and this path has 2 segment(s) more in front; if the"
                + " endpoint URL's base path is \"/api/v1/nexus/\", it is wrong: this server serves Nexus at \"/api/\"",
                e.failure().message());
    }

    @Test
    void aMissingBasePathIsSaidToBeTheLikelyCause() {
        HandlerError e = startAt(host + "/");

        // the JDK server answers paths outside every context itself: the client says what its 404 means
        assertEquals("HTTP status 404 from start of test-service/echo, not from a Nexus server: nothing is served at"
                + " that path; check the endpoint URL, its base path included", e.failure().message());
    }

    private static HandlerError startAt(String endpoint) {
        StartOutcome outcome = NexusHttpClient.create(URI.create(endpoint))
                .start(StartRequest.builder("test-service", "echo").build());
        return assertInstanceOf(HandlerError.class, outcome, outcome::toString);
    }
}
