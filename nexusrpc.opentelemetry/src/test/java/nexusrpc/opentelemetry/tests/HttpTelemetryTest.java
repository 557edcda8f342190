package nexusrpc.opentelemetry.tests;

import static nexusrpc.opentelemetry.tests.Sdk.l;
import static nexusrpc.opentelemetry.tests.Sdk.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.HandlerException;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.MdcMiddleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.http.CompletionReceiver;
import nexusrpc.http.CompletionSender;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import nexusrpc.opentelemetry.NexusTelemetry;
import nexusrpc.opentelemetry.tests.TracedServiceImpl.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Traces, metrics and MDC over HTTP: client, server, completion sender and receiver. */
@SuppressWarnings("try") // scopes are opened for their effect on the current context
class HttpTelemetryTest {
    private final Sdk sdk = new Sdk();
    private final NexusTelemetry telemetry = NexusTelemetry.create(sdk.otel);
    private final TracedServiceImpl impl = new TracedServiceImpl();
    /** The server's one thread: MDC left behind on it would show in the next task. */
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
    private NexusHttpServer server;
    private ServiceClient<TracedService> traced;

    @BeforeEach
    void start() {
        NexusHandler handler = NexusHandler.builder()
                .middleware(MdcMiddleware.create())
                .middleware(telemetry.middleware())
                .service(impl)
                .build();
        server = NexusHttpServer.builder(handler)
                .executor(serverThread)
                .observer(telemetry.transportObserver())
                .completionDelivery(CompletionSender.builder()
                        .observer(telemetry.transportObserver())
                        .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialDelay(Duration.ofMillis(10))
                                .maxDelay(Duration.ofMillis(10)).build())
                        .build())
                .closeEndpointOnStop(true)
                .start();
        traced = NexusHttpClient.builder(server.baseUri())
                .observer(telemetry.transportObserver())
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(10)).build())
                .build()
                .client(TracedService.class);
    }

    @AfterEach
    void stop() {
        server.close();
        serverThread.shutdownNow();
        sdk.close();
    }

    @Test
    void oneTraceGoesFromTheClientThroughTheServerToTheHandler() throws Exception {
        Span root = sdk.otel.getTracer("test").spanBuilder("test").startSpan();
        try (Scope s = root.makeCurrent(); Scope b = Baggage.builder().put("tenant", "acme").build().makeCurrent()) {
            assertEquals("hi", traced.execute(TracedService::echo, "hi"));
        } finally {
            root.end();
        }
        SpanData client = sdk.span("Traced/echo", SpanKind.CLIENT);
        SpanData server = sdk.span("Traced/echo", SpanKind.SERVER);
        String traceId = root.getSpanContext().getTraceId();
        assertEquals(traceId, client.getTraceId());
        assertEquals(traceId, server.getTraceId());
        assertEquals(root.getSpanContext().getSpanId(), client.getParentSpanId());
        assertEquals(client.getSpanId(), server.getParentSpanId());
        assertTrue(server.getParentSpanContext().isRemote(), "the server continued a context from the headers");

        Seen seen = impl.seen.poll(5, TimeUnit.SECONDS);
        assertNotNull(seen);
        assertEquals(server.getSpanId(), seen.span().getSpanId(), "the server span is current in the handler");
        assertEquals("acme", seen.tenant(), "baggage travels with the trace context");

        for (SpanData span : List.of(client, server)) {
            assertEquals("nexus", span.getAttributes().get(s("rpc.system.name")));
            assertEquals("Traced/echo", span.getAttributes().get(s("rpc.method")));
            assertEquals("start", span.getAttributes().get(s("nexus.verb")));
            assertEquals("sync", span.getAttributes().get(s("nexus.outcome")));
            assertEquals("OK", span.getAttributes().get(s("rpc.response.status_code")));
            assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        }
        String requestId = server.getAttributes().get(s("nexus.request_id"));
        assertNotNull(requestId);
        assertEquals(requestId, client.getAttributes().get(s("nexus.request_id")));
        assertEquals(200L, client.getAttributes().get(l("http.response.status_code")));
        assertEquals(1L, client.getAttributes().get(l("nexus.attempt")));
        assertEquals("http", client.getAttributes().get(s("nexus.transport")));

        // the MDC during the call, and none left on the server's thread after it
        assertEquals(Map.of(MdcMiddleware.SERVICE, "Traced", MdcMiddleware.OPERATION, "echo", MdcMiddleware.VERB,
                "start", MdcMiddleware.REQUEST_ID, requestId, MdcMiddleware.TRACE_ID, traceId), seen.mdc());
        assertMdcEmptyOnServerThread();
    }

    @Test
    void eachRetryIsAClientSpanOfItsOwn() throws Exception {
        // the attempts are siblings under the caller's span (without one, each would start a trace of its own)
        Span root = sdk.otel.getTracer("test").spanBuilder("test").startSpan();
        try (Scope s = root.makeCurrent()) {
            assertEquals("flaky", traced.execute(TracedService::echo, "flaky"));
        } finally {
            root.end();
        }
        List<SpanData> attempts = sdk.await(2, s -> s.getKind() == SpanKind.CLIENT);
        assertEquals(2, attempts.size());
        SpanData first = attempts.stream().filter(a -> a.getAttributes().get(l("nexus.attempt")) == 1L)
                .findFirst().orElseThrow();
        SpanData second = attempts.stream().filter(a -> a.getAttributes().get(l("nexus.attempt")) == 2L)
                .findFirst().orElseThrow();
        assertEquals("UNAVAILABLE", first.getAttributes().get(s("error.type")));
        assertEquals(true, first.getAttributes().get(io.opentelemetry.api.common.AttributeKey.booleanKey(
                "nexus.retrying")));
        assertEquals(StatusCode.ERROR, first.getStatus().getStatusCode());
        assertEquals("sync", second.getAttributes().get(s("nexus.outcome")));
        assertEquals(root.getSpanContext().getSpanId(), first.getParentSpanId());
        assertEquals(root.getSpanContext().getSpanId(), second.getParentSpanId());
        // each attempt's server span is the child of that attempt
        List<SpanData> servers = sdk.await(2, s -> s.getKind() == SpanKind.SERVER);
        assertEquals(List.of(first.getSpanId(), second.getSpanId()).stream().sorted().toList(),
                servers.stream().map(SpanData::getParentSpanId).sorted().toList());

        HistogramPointData attemptsMetric = (HistogramPointData) sdk.point("rpc.client.call.duration",
                s("rpc.method"), "Traced/echo", s("nexus.outcome"), "handler_error", s("error.type"), "UNAVAILABLE");
        assertEquals(1, attemptsMetric.getCount());
    }

    @Test
    void anUnexpectedErrorsMessageStaysInTheHandler() throws Exception {
        HandlerException e = assertThrows(HandlerException.class, () -> traced.execute(TracedService::echo, "boom"));
        assertFalse(e.getMessage().contains(TracedServiceImpl.SECRET));
        // INTERNAL is retryable: the client's policy tried twice
        SpanData server = sdk.await(2, x -> x.getKind() == SpanKind.SERVER).get(0);
        assertEquals(StatusCode.ERROR, server.getStatus().getStatusCode());
        assertEquals("INTERNAL", server.getAttributes().get(s("error.type")));
        assertEquals("java.lang.IllegalStateException", server.getEvents().get(0).getAttributes()
                .get(s("exception.type")));
        for (SpanData span : sdk.spans.getFinishedSpanItems()) {
            assertFalse(span.toString().contains("hunter2"), () -> "the secret leaked into " + span);
        }
    }

    @Test
    void aHandlerErrorIsRecordedWithTheMessageTheCallerGot() throws Exception {
        assertThrows(HandlerException.class, () -> traced.execute(TracedService::echo, "bad"));
        SpanData server = sdk.span("Traced/echo", SpanKind.SERVER);
        assertEquals(StatusCode.ERROR, server.getStatus().getStatusCode());
        assertEquals("bad input", server.getStatus().getDescription());
        assertEquals("BAD_REQUEST", server.getAttributes().get(s("error.type")));
        assertEquals("handler_error", server.getAttributes().get(s("nexus.outcome")));
        HistogramPointData duration = (HistogramPointData) sdk.point("rpc.server.call.duration",
                s("rpc.method"), "Traced/echo", s("nexus.service"), "Traced", s("nexus.operation"), "echo",
                s("nexus.verb"), "start", s("nexus.outcome"), "handler_error", s("error.type"), "BAD_REQUEST");
        assertEquals(1, duration.getCount());
        assertEquals(0L, ((LongPointData) sdk.point("nexus.server.active_calls", s("rpc.method"), "Traced/echo"))
                .getValue());
        assertEquals(1L, ((LongPointData) sdk.point("nexus.server.answers", l("http.response.status_code"), 400L))
                .getValue());
    }

    @Test
    void aCallPastItsDeadlineIsCounted408AndItsMdcIsClearedWhenTheHandlerReturns() throws Exception {
        HandlerException e = assertThrows(HandlerException.class, () -> traced.execute(TracedService::echo,
                "slow", CallOptions.builder().timeout(Duration.ofMillis(100)).build()));
        assertEquals(HandlerException.ErrorType.REQUEST_TIMEOUT, e.type());
        // the engine answered at the deadline; the handler still runs, with its MDC, until it returns
        Map<String, String> mdcAtTheEnd = impl.mdcAfterSlow.poll(5, TimeUnit.SECONDS);
        assertEquals("echo", mdcAtTheEnd.get(MdcMiddleware.OPERATION));
        SpanData server = sdk.span("Traced/echo", SpanKind.SERVER);
        assertEquals(true, server.getAttributes().get(io.opentelemetry.api.common.AttributeKey.booleanKey(
                "nexus.deadline_exceeded")));
        assertEquals("REQUEST_TIMEOUT", server.getAttributes().get(s("error.type")));
        assertMdcEmptyOnServerThread();
        assertEquals(1L, ((LongPointData) sdk.point("nexus.server.answers", l("http.response.status_code"), 408L))
                .getValue());
    }

    @Test
    void anOverloadedServersRefusalsAreCounted429() throws Exception {
        try (NexusHttpServer small = NexusHttpServer.builder(NexusHandler.builder().service(impl).build())
                .threads(1).queueCapacity(1).observer(telemetry.transportObserver()).closeEndpointOnStop(true)
                .start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest block = HttpRequest.newBuilder(small.baseUri().resolve("Traced/echo"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("\"block\"")).build();
            HttpResponse.BodyHandler<Void> discard = HttpResponse.BodyHandlers.discarding();
            CompletableFuture<HttpResponse<Void>> running = http.sendAsync(block, discard);
            assertTrue(impl.blocked.await(5, TimeUnit.SECONDS));
            CompletableFuture<HttpResponse<Void>> second = http.sendAsync(block, discard);
            CompletableFuture<HttpResponse<Void>> third = http.sendAsync(block, discard);
            // one of the two waits in the queue, the other finds it full
            int refused = CompletableFuture.anyOf(second, third).thenApply(r -> ((HttpResponse<?>) r).statusCode())
                    .get(5, TimeUnit.SECONDS);
            impl.release.countDown();
            assertEquals(429, refused);
            assertEquals(200, running.get(5, TimeUnit.SECONDS).statusCode());
            assertEquals(1L, ((LongPointData) sdk.point("nexus.server.answers",
                    l("http.response.status_code"), 429L)).getValue());
        }
    }

    @Test
    void aCompletionCallbackContinuesTheTraceOfTheOperationThatCompleted() throws Exception {
        BlockingQueue<SpanContext> received = new LinkedBlockingQueue<>();
        HttpServer caller = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        caller.createContext("/callbacks", CompletionReceiver.builder(c -> received.add(Span.current()
                .getSpanContext())).observer(telemetry.transportObserver()).build());
        caller.createContext("/refuse", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        caller.start();
        URI callbacks = URI.create("http://127.0.0.1:" + caller.getAddress().getPort() + "/");
        try {
            Span root = sdk.otel.getTracer("test").spanBuilder("caller").startSpan();
            String token;
            try (Scope s = root.makeCurrent()) {
                token = traced.start(TracedService::job, "work", CallOptions.builder()
                        .callbackUrl(callbacks + "callbacks").build()).handle().token();
            } finally {
                root.end();
            }
            SpanData start = sdk.span("Traced/job", SpanKind.SERVER);
            assertEquals("async", start.getAttributes().get(s("nexus.outcome")));

            // completed later, from a thread with no context: the callback carries the start's
            impl.complete(token, "done").toCompletableFuture().get(5, TimeUnit.SECONDS);
            SpanContext inListener = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(inListener);
            SpanData delivery = sdk.span("completion", SpanKind.CLIENT);
            SpanData receipt = sdk.span("completion", SpanKind.SERVER);
            assertEquals(start.getSpanId(), delivery.getParentSpanId());
            assertEquals(delivery.getSpanId(), receipt.getParentSpanId());
            assertEquals(receipt.getSpanId(), inListener.getSpanId(), "the listener runs in the receipt's span");
            assertEquals(root.getSpanContext().getTraceId(), receipt.getTraceId());
            assertEquals(1L, ((LongPointData) sdk.point("nexus.completion.deliveries",
                    s("nexus.completion.result"), "delivered")).getValue());

            // a receiver that keeps refusing: two attempts (the sender's policy), then given up
            sdk.spans.reset();
            try (Scope s = root.makeCurrent()) {
                token = traced.start(TracedService::job, "work", CallOptions.builder()
                        .callbackUrl(callbacks + "refuse").build()).handle().token();
            }
            CompletableFuture<Void> refused = impl.complete(token, "done").toCompletableFuture();
            assertThrows(Exception.class, () -> refused.get(5, TimeUnit.SECONDS));
            assertEquals(2, sdk.await(2, x -> x.getName().equals("completion")).size());
            assertEquals(2L, sdk.sum("nexus.completion.attempts", l("http.response.status_code"), 503L));
            assertEquals(1L, ((LongPointData) sdk.point("nexus.completion.deliveries",
                    s("nexus.completion.result"), "given_up")).getValue());
        } finally {
            caller.stop(0);
        }
    }

    private void assertMdcEmptyOnServerThread() throws Exception {
        Map<String, String> left = serverThread.submit(MDC::getCopyOfContextMap).get(5, TimeUnit.SECONDS);
        assertTrue(left == null || left.isEmpty(), () -> "MDC left on the server's thread: " + left);
    }
}
