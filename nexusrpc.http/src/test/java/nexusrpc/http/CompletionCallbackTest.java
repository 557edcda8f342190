package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.FailureException;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.JacksonSerializer;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.http.testservice.Echo;
import nexusrpc.http.testservice.JobInput;
import nexusrpc.http.testservice.TestService;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: async operations started with a callback URL deliver their completions to a {@link
 * CompletionReceiver} on the caller's server, through the {@link CompletionSender}'s retries.
 */
class CompletionCallbackTest {
    private static final String RFC_3339_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    private static final String HTTP_DATE = "[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT";

    private static final BlockingQueue<ReceivedCompletion> received = new LinkedBlockingQueue<>();
    private static final AtomicInteger flakyFailuresLeft = new AtomicInteger();
    private static final AtomicInteger flakyRequests = new AtomicInteger();
    private static HttpServer callerServer;
    private static URI callbacks;
    private static CompletionSender sender;
    private static TestServiceImpl impl;
    private static NexusHttpServer server;
    private static ServiceClient<TestService> svc;

    @BeforeAll
    static void start() throws IOException {
        callerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CompletionReceiver receiver = CompletionReceiver.create(received::add);
        callerServer.createContext("/callbacks", receiver);
        callerServer.createContext("/flaky", ex -> {
            flakyRequests.incrementAndGet();
            if (flakyFailuresLeft.getAndDecrement() > 0) {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(503, -1);
                ex.close();
            } else {
                receiver.handle(ex);
            }
        });
        callerServer.createContext("/refuse", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(403, -1);
            ex.close();
        });
        callerServer.start();
        callbacks = URI.create("http://127.0.0.1:" + callerServer.getAddress().getPort() + "/");
        sender = CompletionSender.builder()
                .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(100))
                        .maxElapsed(Duration.ofSeconds(20)).build())
                .build();
        impl = new TestServiceImpl(sender);
        server = NexusHttpServer.start(NexusHandler.builder().service(impl).build(),
                new InetSocketAddress("127.0.0.1", 0));
        svc = NexusHttpClient.create(server.baseUri()).client(TestService.class);
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

    private static String startJob(JobInput input, String path) throws Exception {
        return svc.start(TestService::job, input, CallOptions.builder()
                .callbackUrl(callbacks + path + "?caller=42")
                .callbackHeader("X-Caller-Token", "secret-1")
                .build()).handle().token();
    }

    private static ReceivedCompletion next() throws InterruptedException {
        ReceivedCompletion c = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(c, "no completion arrived");
        return c;
    }

    @Test
    void successIsDeliveredWithTheSpecifiedHeaders() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String token = startJob(new JobInput("yay", "succeed", 50L), "callbacks");
        ReceivedCompletion c = next();
        assertEquals(token, c.token());
        assertEquals(OperationState.SUCCEEDED, c.state());
        assertEquals("{\"message\":\"yay\"}", new String(c.result().data(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("application/json", c.result().type());
        assertEquals(new Echo("yay"), c.value(JacksonSerializer.create(), Echo.class));
        assertEquals("secret-1", c.headers().get("x-caller-token"));
        assertTrue(c.headers().get("nexus-operation-start-time").matches(HTTP_DATE),
                c.headers().get("nexus-operation-start-time"));
        assertTrue(c.headers().get("nexus-operation-close-time").matches(RFC_3339_MILLIS),
                c.headers().get("nexus-operation-close-time"));
        assertTrue(!c.startTime().isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        assertTrue(!c.closeTime().isBefore(c.startTime()));
        assertEquals(List.of(new Link(URI.create("test:job/" + token), "test.Job")), c.links());
        assertEquals(null, impl.jobs().job(token).delivery.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
    }

    @Test
    void failureIsDeliveredAsAnOperationErrorWithItsCause() throws Exception {
        String token = startJob(new JobInput("bad", "fail", 0L), "callbacks");
        ReceivedCompletion c = next();
        assertEquals(token, c.token());
        assertEquals(OperationState.FAILED, c.state());
        assertEquals("application/json", c.headers().get("content-type"));
        assertEquals("nexus.OperationError", c.failure().metadata().get("type"));
        OperationException e = c.exception().orElseThrow();
        assertEquals(OperationState.FAILED, e.state());
        assertEquals("job bad failed", e.getMessage());
        assertEquals("disk full", assertInstanceOf(FailureException.class, e.getCause()).getMessage());
        assertThrows(OperationException.class, () -> c.value(JacksonSerializer.create(), Echo.class));
    }

    @Test
    void cancellationIsDeliveredAsCanceled() throws Exception {
        String token = startJob(new JobInput("c", "hold", 0L), "callbacks");
        svc.handle(TestService::job, token).cancel();
        ReceivedCompletion c = next();
        assertEquals(token, c.token());
        assertEquals(OperationState.CANCELED, c.state());
        assertEquals("canceled on request", c.exception().orElseThrow().getMessage());
    }

    @Test
    void aReceiverFailingTwiceWith503StillGetsTheCompletion() throws Exception {
        flakyFailuresLeft.set(2);
        flakyRequests.set(0);
        String token = startJob(new JobInput("retry", "succeed", 0L), "flaky");
        ReceivedCompletion c = next();
        assertEquals(token, c.token());
        assertEquals(3, flakyRequests.get());
        impl.jobs().job(token).delivery.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedCompletionFailsItsFutureWithTheStatus() throws Exception {
        String token = startJob(new JobInput("r", "succeed", 0L), "refuse");
        CompletableFuture<Void> delivery = impl.jobs().job(token).delivery.get(10, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> delivery.get(10, TimeUnit.SECONDS));
        CompletionDeliveryException d = assertInstanceOf(CompletionDeliveryException.class, e.getCause());
        assertEquals(403, d.lastStatus());
        assertEquals(1, d.attempts());
        assertTrue(d.getMessage().contains(token), d.getMessage());
    }

    @Test
    void retriesEndWhenTheRetryPeriodEnds() throws Exception {
        flakyFailuresLeft.set(1_000);
        try (CompletionSender impatient = CompletionSender.builder()
                .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(20))
                        .maxElapsed(Duration.ofMillis(300)).build())
                .build()) {
            CompletableFuture<Void> f = impatient.deliver(callbacks + "flaky", Headers.empty(),
                    OperationCompletion.succeeded("t-1", Content.empty(), null));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            CompletionDeliveryException d = assertInstanceOf(CompletionDeliveryException.class, e.getCause());
            assertEquals(503, d.lastStatus());
            assertTrue(d.attempts() > 1, "attempts: " + d.attempts());
        } finally {
            flakyFailuresLeft.set(0);
        }
    }

    @Test
    void connectionRefusedIsRetriedUntilTheReceiverIsUp() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free.setReuseAddress(true);
            port = free.getLocalPort();
        }
        BlockingQueue<ReceivedCompletion> got = new LinkedBlockingQueue<>();
        CompletableFuture<Void> f = sender.deliver("http://127.0.0.1:" + port + "/late", Headers.empty(),
                OperationCompletion.succeeded("t-late", Content.empty(), Instant.now()));
        Thread.sleep(200);
        HttpServer up = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        up.createContext("/late", CompletionReceiver.create(got::add));
        up.start();
        try {
            f.get(20, TimeUnit.SECONDS);
            assertEquals("t-late", got.poll(1, TimeUnit.SECONDS).token());
        } finally {
            up.stop(0);
        }
    }

    @Test
    void callbackUrlsRefusedByThePolicyAreNeverCalled() throws Exception {
        flakyRequests.set(0);
        try (CompletionSender strict = CompletionSender.builder()
                .callbackUrlPolicy(CallbackUrlPolicy.builder().allowHosts("callbacks.example.com").build())
                .build()) {
            CompletableFuture<Void> f = strict.deliver(callbacks + "flaky", Headers.empty(),
                    OperationCompletion.succeeded("t-2", Content.empty(), null));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            CompletionDeliveryException d = assertInstanceOf(CompletionDeliveryException.class, e.getCause());
            assertEquals(0, d.attempts());
            assertTrue(d.getMessage().contains("not in the allowed hosts"), d.getMessage());
            assertEquals(0, flakyRequests.get());
        }
    }

    private static HttpResponse<byte[]> postCompletion(String... headersAndBody) {
        HttpRequest.Builder b = RawHttp.request(callbacks, "callbacks")
                .POST(HttpRequest.BodyPublishers.ofString(headersAndBody[headersAndBody.length - 1]));
        for (int i = 0; i + 1 < headersAndBody.length; i += 2) {
            b.header(headersAndBody[i], headersAndBody[i + 1]);
        }
        return RawHttp.send(b);
    }

    @Test
    void theReceiverRefusesMalformedCompletionsWith400() {
        String[][] bad = {
            {"Nexus-Operation-State", "running", ""},
            {"Nexus-Operation-State", "exploded", ""},
            {"Content-Type", "application/json", "{}"},
            {"Nexus-Operation-State", "failed", "Content-Type", "text/plain", "oops"},
            {"Nexus-Operation-State", "failed", "Content-Type", "application/json", "{\"message\": 3}"},
            {"Nexus-Operation-State", "failed", "Content-Type", "application/json", "not json"},
            {"Nexus-Operation-State", "succeeded", "Nexus-Operation-Close-Time", "yesterday", ""},
            {"Nexus-Operation-State", "succeeded", "Nexus-Operation-Start-Time", "2025-01-01", ""},
            {"Nexus-Operation-State", "succeeded", "Nexus-Link", "<urn:x>", ""},
        };
        for (String[] request : bad) {
            HttpResponse<byte[]> r = postCompletion(request);
            assertEquals(400, r.statusCode(), String.join(" ", request));
            Failure f = nexusrpc.http.internal.WireJson.parseFailure(r.body());
            assertEquals("nexus.HandlerError", f.metadata().get("type"));
            assertTrue(!f.message().isEmpty());
        }
        assertTrue(received.isEmpty());
        HttpResponse<byte[]> get = RawHttp.send(RawHttp.request(callbacks, "callbacks").GET());
        assertEquals(400, get.statusCode());
    }

    @Test
    void theReceiverAcceptsAWellFormedCompletion() throws Exception {
        HttpResponse<byte[]> r = postCompletion("Nexus-Operation-State", "canceled",
                "Nexus-Operation-Token", "tok", "Content-Type", "application/json",
                "Nexus-Operation-Close-Time", "2025-06-03T11:05:30.123456+02:00",
                "{\"message\":\"stopped\",\"metadata\":{\"type\":\"nexus.OperationError\"},"
                        + "\"details\":{\"state\":\"canceled\"}}");
        assertEquals(200, r.statusCode());
        ReceivedCompletion c = next();
        assertEquals("tok", c.token());
        assertEquals(Instant.parse("2025-06-03T09:05:30.123456Z"), c.closeTime());
        assertEquals(OperationState.CANCELED, c.exception().orElseThrow().state());
    }

    @Test
    void aListenerErrorAnswersSoTheSenderRetries() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        s.createContext("/", CompletionReceiver.create(c -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
        }));
        s.start();
        try {
            sender.deliver("http://127.0.0.1:" + s.getAddress().getPort() + "/", Headers.empty(),
                    OperationCompletion.succeeded("t-3", Content.empty(), null)).get(20, TimeUnit.SECONDS);
            assertEquals(2, calls.get());
        } finally {
            s.stop(0);
        }
    }

    private static String startCallbackOperation(ServiceClient<TestService> client) throws Exception {
        return client.start(TestService::callback, new Echo("x"), CallOptions.builder()
                .callbackUrl(callbacks + "callbacks?caller=7")
                .callbackHeader("X-Caller-Token", "secret-2")
                .build()).handle().token();
    }

    @Test
    void theServersOwnDeliveryCarriesACompletionCallbackToTheReceiver() throws Exception {
        // the operation has no sender of its own: it finishes through OperationContext.completionCallback()
        String token = startCallbackOperation(svc);
        CompletionStage<Void> delivered = impl.callbacks().succeed(token, new Echo("via the context"));
        ReceivedCompletion c = next();
        assertEquals(token, c.token());
        assertEquals(OperationState.SUCCEEDED, c.state());
        assertEquals(new Echo("via the context"), c.value(JacksonSerializer.create(), Echo.class));
        assertEquals("secret-2", c.headers().get("x-caller-token"));
        assertEquals(null, delivered.toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aCompletionDeliveryGivenToTheBuilderCarriesTheCompletions() throws Exception {
        BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        TestServiceImpl own = new TestServiceImpl(null);
        try (NexusHttpServer custom = NexusHttpServer.builder(NexusHandler.builder().service(own).build())
                .completionDelivery((url, headers, completion) -> {
                    delivered.add(url + " " + headers.get("x-caller-token") + " " + completion.token());
                    return CompletableFuture.completedFuture(null);
                })
                .start()) {
            String token = startCallbackOperation(NexusHttpClient.create(custom.baseUri()).client(TestService.class));
            own.callbacks().succeed(token, new Echo("y")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(callbacks + "callbacks?caller=7 secret-2 " + token, delivered.poll(10, TimeUnit.SECONDS));
        }
        assertTrue(received.isEmpty(), "the default sender delivered too");
    }

    @Test
    void aStoppedServersDeliveryRefusesCompletions() throws Exception {
        TestServiceImpl own = new TestServiceImpl(null);
        NexusHttpServer stopped = NexusHttpServer.start(NexusHandler.builder().service(own).build(),
                new InetSocketAddress("127.0.0.1", 0));
        String token;
        try {
            token = startCallbackOperation(NexusHttpClient.create(stopped.baseUri()).client(TestService.class));
        } finally {
            stopped.close();
        }
        CompletableFuture<Void> late = own.callbacks().succeed(token, new Echo("z")).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(10, TimeUnit.SECONDS));
        assertInstanceOf(CompletionDeliveryException.class, e.getCause());
        assertTrue(received.isEmpty());
    }

    @SuppressWarnings("unused")
    private static void drain(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
    }
}
