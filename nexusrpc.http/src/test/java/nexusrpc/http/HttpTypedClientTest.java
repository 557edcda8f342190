package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nexusrpc.api.FailureException;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Link;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.OperationState;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.http.testservice.Echo;
import nexusrpc.http.testservice.JobInput;
import nexusrpc.http.testservice.TestService;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed and untyped clients over real HTTP: all four verbs, errors rehydrated, deadlines, retries. */
class HttpTypedClientTest {
    private static NexusHttpServer server;
    private static NexusHttpClient client;
    private static ServiceClient<TestService> svc;

    @BeforeAll
    static void start() {
        server = NexusHttpServer.start(NexusHandler.builder().service(new TestServiceImpl(null)).build(),
                new InetSocketAddress("127.0.0.1", 0));
        client = NexusHttpClient.create(server.baseUri());
        svc = client.client(TestService.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void executeASyncOperation() throws Exception {
        assertEquals("hi", svc.execute(TestService::echo, new Echo("hi")).message());
    }

    @Test
    void operationNamesNeedingEscapesAndOperationsWithoutInputOrOutput() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.config().engine().equals(NexusHttpServer.JDK_ENGINE),
                "Jetty refuses an encoded '/' in a path as ambiguous: names with '/' need the JDK engine");
        assertEquals("odd:x", svc.execute(TestService::odd, new Echo("x")).message());
        assertNull(svc.execute(s -> {
            s.noop();
            return null;
        }));
    }

    @Test
    void startASyncOperationReturnsTheResultAndTheHandlersLinks() throws Exception {
        Link link = new Link(URI.create("urn:caller/1"), "test.Caller");
        StartedOperation<Echo> started = svc.start(TestService::echo, new Echo("linked"),
                CallOptions.builder().link(link).build());
        assertInstanceOf(StartedOperation.Completed.class, started);
        StartedOperation.Completed<Echo> done = (StartedOperation.Completed<Echo>) started;
        assertEquals("linked", done.value().message());
        assertEquals(List.of(link), done.links());
    }

    @Test
    void allFourVerbsOfAnAsyncOperation() throws Exception {
        StartedOperation<Echo> started = svc.start(TestService::job, new JobInput("m", "hold", null));
        OperationHandle<Echo> handle = started.handle();
        assertTrue(handle.token().startsWith("job-"));
        assertEquals(List.of(new Link(URI.create("test:job/" + handle.token()), "test.Job")), started.links());
        assertEquals(new OperationInfo(handle.token(), OperationState.RUNNING), handle.info());
        assertThrows(OperationStillRunningException.class, () -> handle.result(Duration.ZERO));
        assertThrows(OperationStillRunningException.class, () -> handle.result(Duration.ofMillis(200)));
        handle.cancel();
        assertEquals(OperationState.CANCELED, handle.info().state());
        OperationException e = assertThrows(OperationException.class, () -> handle.result(Duration.ofSeconds(5)));
        assertEquals(OperationState.CANCELED, e.state());
        assertEquals("canceled on request", e.getMessage());
    }

    @Test
    void fetchInfoErrorsReachTheCallerAsHandlerExceptions() {
        // an unknown token is the caller's mistake: the handler's NOT_FOUND must come back as such (a client that
        // decoded every fetchInfo answer as an info once threw ClassCastException here)
        HandlerException e = assertThrows(HandlerException.class,
                () -> svc.handle(TestService::job, "no-such-job").info());
        assertEquals(ErrorType.NOT_FOUND, e.type());
        HandlerException unknownService = assertThrows(HandlerException.class,
                () -> client.untypedClient().handle("no-such-service", "job", "t", Echo.class).info());
        assertEquals(ErrorType.NOT_FOUND, unknownService.type());
    }

    @Test
    void executeFollowsAnAsyncOperationWithLongPolls() throws Exception {
        assertEquals("later", svc.execute(TestService::job, new JobInput("later", "succeed", 300L)).message());
    }

    @Test
    void aHandleFromATokenReachesTheOperation() throws Exception {
        String token = svc.start(TestService::job, new JobInput("x", "succeed", 0L)).handle().token();
        assertEquals("x", svc.handle(TestService::job, token).result(Duration.ofSeconds(10)).message());
    }

    @Test
    void operationFailuresAreRehydratedWithTheirCauses() {
        OperationException e = assertThrows(OperationException.class,
                () -> svc.execute(TestService::echo, new Echo("fail")));
        assertEquals(OperationState.FAILED, e.state());
        assertEquals("the job failed", e.getMessage());
        FailureException cause = assertInstanceOf(FailureException.class, e.getCause());
        assertEquals("root cause", cause.getMessage());
        OperationException async = assertThrows(OperationException.class,
                () -> svc.execute(TestService::job, new JobInput("j", "fail", 0L)));
        assertEquals("job j failed", async.getMessage());
        assertEquals("disk full", async.getCause().getMessage());
        OperationException canceled = assertThrows(OperationException.class,
                () -> svc.execute(TestService::echo, new Echo("cancel")));
        assertEquals(OperationState.CANCELED, canceled.state());
    }

    @Test
    void handlerErrorsAreRehydratedWithTypeRetryBehaviourAndCause() {
        HandlerException e = assertThrows(HandlerException.class,
                () -> svc.execute(TestService::echo, new Echo("error:CONFLICT")));
        assertEquals(ErrorType.CONFLICT, e.type());
        assertEquals("handler says CONFLICT", e.getMessage());
        assertEquals(RetryBehavior.UNSPECIFIED, e.retryBehavior());
        assertEquals("inner reason", assertInstanceOf(FailureException.class, e.getCause()).getMessage());
        HandlerException nonRetryable = assertThrows(HandlerException.class,
                () -> svc.execute(TestService::echo, new Echo("error:UNAVAILABLE:nonretryable")));
        assertEquals(ErrorType.UNAVAILABLE, nonRetryable.type());
        assertEquals(false, nonRetryable.isRetryable());
        HandlerException badInput = assertThrows(HandlerException.class,
                () -> client.untypedClient().execute("test-service", "echo", List.of(1, 2), Echo.class, null));
        assertEquals(ErrorType.BAD_REQUEST, badInput.type());
        HandlerException unknown = assertThrows(HandlerException.class,
                () -> client.untypedClient().execute("nope", "echo", new Echo("x"), Echo.class, null));
        assertEquals(ErrorType.NOT_FOUND, unknown.type());
    }

    @Test
    void untypedCallsByName() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.config().engine().equals(NexusHttpServer.JDK_ENGINE),
                "Jetty refuses an encoded '/' in a path as ambiguous: names with '/' need the JDK engine");
        Echo out = client.untypedClient().execute("test-service", "names/with spaces+plus", new Echo("u"), Echo.class,
                CallOptions.defaults());
        assertEquals("odd:u", out.message());
    }

    @Test
    void aGeneratedRequestIdIsAVersion4Uuid() throws Exception {
        String d = svc.execute(TestService::echo, new Echo("describe")).message();
        String id = d.substring("requestId=".length(), d.indexOf('|'));
        assertEquals(4, UUID.fromString(id).version());
        String given = svc.execute(TestService::echo, new Echo("describe"),
                CallOptions.builder().requestId("mine").build()).message();
        assertTrue(given.startsWith("requestId=mine|"), given);
    }

    @Test
    void callOptionsReachTheHandler() throws Exception {
        String d = svc.execute(TestService::echo, new Echo("describe"), CallOptions.builder()
                .callbackUrl("http://127.0.0.1:1/callback?id=7")
                .callbackHeader("X-Trace", "t1")
                .header("X-Custom", "c1")
                .timeout(Duration.ofSeconds(30))
                .build()).message();
        assertTrue(d.contains("callback=http://127.0.0.1:1/callback?id=7"), d);
        assertTrue(d.contains("callbackHeaders={x-trace=t1}"), d);
        assertTrue(d.contains("x-custom=c1"), d);
        assertTrue(d.contains("deadline=true"), d);
    }

    @Test
    void theCallsTimeoutBecomesRequestTimeout() {
        HandlerException e = assertThrows(HandlerException.class, () -> svc.execute(TestService::slow, new Echo("w"),
                CallOptions.builder().timeout(Duration.ofMillis(300)).build()));
        assertEquals(ErrorType.REQUEST_TIMEOUT, e.type());
    }

    @Test
    void retryableErrorsAreRetriedWithTheSameRequestIdWhenAllowed() throws Exception {
        NexusHttpClient retrying = NexusHttpClient.builder(server.baseUri())
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(50)).build())
                .build();
        Echo out = retrying.client(TestService.class).execute(TestService::echo, new Echo("flaky:2"));
        assertEquals("ok after 3", out.message());
        HandlerException once = assertThrows(HandlerException.class,
                () -> svc.execute(TestService::echo, new Echo("flaky:2")));
        assertEquals(ErrorType.UNAVAILABLE, once.type());
        assertTrue(once.getMessage().contains("attempt 1"), once.getMessage());
        // not retried: BAD_REQUEST is not retryable
        NexusHttpClient counting = NexusHttpClient.builder(server.baseUri()).retryPolicy(RetryPolicy.builder()
                .maxAttempts(5).initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(10)).build()).build();
        assertEquals(ErrorType.BAD_REQUEST, assertThrows(HandlerException.class, () -> counting
                .client(TestService.class).execute(TestService::echo, new Echo("error:BAD_REQUEST"))).type());
    }

    @Test
    void anUnreachableHandlerIsUnavailable() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        NexusHttpClient dead = NexusHttpClient.create(URI.create("http://127.0.0.1:" + port + "/"));
        HandlerException e = assertThrows(HandlerException.class,
                () -> dead.client(TestService.class).execute(TestService::echo, new Echo("x")));
        assertEquals(ErrorType.UNAVAILABLE, e.type());
        assertTrue(e.isRetryable());
    }

    @Test
    void aProxyErrorPageBecomesARetryableHandlerError() throws Exception {
        com.sun.net.httpserver.HttpServer proxy = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] page = "<html>Bad Gateway</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(502, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        proxy.start();
        try {
            NexusHttpClient behindProxy = NexusHttpClient.create(
                    URI.create("http://127.0.0.1:" + proxy.getAddress().getPort() + "/"));
            HandlerException e = assertThrows(HandlerException.class,
                    () -> behindProxy.client(TestService.class).execute(TestService::echo, new Echo("x")));
            assertEquals(ErrorType.UNKNOWN, e.type());
            assertEquals("HTTP_502", e.rawType());
            assertTrue(e.isRetryable());
            assertTrue(e.getMessage().contains("502"), e.getMessage());
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void aBaseUrlMustBeHttp() {
        assertThrows(IllegalArgumentException.class, () -> NexusHttpClient.create(URI.create("ftp://host/")));
    }

    @Test
    void aDefaultHeaderTheTransportOwnsIsRefusedWhenTheClientIsBuilt() {
        NexusHttpClient.Builder b = NexusHttpClient.builder(URI.create("http://127.0.0.1:1/"));
        for (String owned : List.of("Host", "Connection", "Content-Length", "Request-Timeout", "Nexus-Request-Id",
                "Nexus-Operation-Token", "Content-Type", "Nexus-Callback-Token")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.header(owned, "x"));
            assertTrue(e.getMessage().contains(owned), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> b.header("Authorization", "line\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> b.header("bad name", "x"));
        b.header("Authorization", "Bearer t").header("X-Tenant", "a");
    }

    @Test
    void anExecuteWhoseTimeoutPassesWhileTheOperationRunsSaysItIsStillRunning() {
        // the polls carry the call's deadline: the engine answers "still running" (412) at that deadline
        assertThrows(OperationStillRunningException.class, () -> svc.execute(TestService::job,
                new JobInput("m", "hold", null), CallOptions.builder().timeout(Duration.ofMillis(300)).build()));
    }

    @Test
    void aDefaultTimeoutMustBePositive() {
        NexusHttpClient.Builder b = NexusHttpClient.builder(URI.create("http://127.0.0.1:1/"));
        assertThrows(IllegalArgumentException.class, () -> b.defaultTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.defaultTimeout(Duration.ofSeconds(-1)));
        b.defaultTimeout(Duration.ofSeconds(1)).defaultTimeout(null);
    }
}
