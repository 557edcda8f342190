package nexusrpc.opentelemetry.tests;

import static nexusrpc.opentelemetry.tests.Sdk.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import nexusrpc.api.HandlerException;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.handler.MdcMiddleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.client.NexusClient;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.opentelemetry.NexusTelemetry;
import nexusrpc.opentelemetry.tests.TracedServiceImpl.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Traces, metrics and MDC in memory: a {@code NexusClient} over a local handler. */
@SuppressWarnings("try") // scopes are opened for their effect on the current context
class InMemoryTelemetryTest {
    private final Sdk sdk = new Sdk();
    private final TracedServiceImpl impl = new TracedServiceImpl();

    @AfterEach
    void stop() {
        MDC.clear();
        sdk.close();
    }

    private ServiceClient<TracedService> client(NexusTelemetry telemetry) {
        NexusHandler handler = NexusHandler.builder()
                .middleware(MdcMiddleware.create())
                .middleware(telemetry.middleware())
                .service(impl)
                .build();
        return NexusClient.builder(handler).observer(telemetry.transportObserver()).build()
                .client(TracedService.class);
    }

    @Test
    void theClientSpanIsTheServerSpansParentAndTheMdcIsRestoredAfterTheCall() throws Exception {
        ServiceClient<TracedService> traced = client(NexusTelemetry.create(sdk.otel));
        MDC.put(MdcMiddleware.SERVICE, "outer");
        Span root = sdk.otel.getTracer("test").spanBuilder("test").startSpan();
        try (Scope s = root.makeCurrent()) {
            assertEquals("hi", traced.execute(TracedService::echo, "hi"));
        } finally {
            root.end();
        }
        SpanData client = sdk.span("Traced/echo", SpanKind.CLIENT);
        SpanData server = sdk.span("Traced/echo", SpanKind.SERVER);
        assertEquals("memory", client.getAttributes().get(s("nexus.transport")));
        assertEquals(root.getSpanContext().getSpanId(), client.getParentSpanId());
        assertEquals(client.getSpanId(), server.getParentSpanId());

        Seen seen = impl.seen.poll();
        assertEquals(server.getSpanId(), seen.span().getSpanId());
        assertEquals(Thread.currentThread(), seen.thread(), "in memory the handler runs on the caller's thread");
        assertEquals("Traced", seen.mdc().get(MdcMiddleware.SERVICE));
        assertEquals("echo", seen.mdc().get(MdcMiddleware.OPERATION));
        assertEquals("start", seen.mdc().get(MdcMiddleware.VERB));
        assertEquals(root.getSpanContext().getTraceId(), seen.mdc().get(MdcMiddleware.TRACE_ID));
        // restored, not merely cleared: the enclosing value is back, the call's own keys are gone
        assertEquals(Map.of(MdcMiddleware.SERVICE, "outer"), MDC.getCopyOfContextMap());
    }

    @Test
    void theMdcIsClearedAfterAFailedCallToo() {
        ServiceClient<TracedService> traced = client(NexusTelemetry.create(sdk.otel));
        assertThrows(HandlerException.class, () -> traced.execute(TracedService::echo, "bad"));
        assertEquals("echo", impl.seen.poll().mdc().get(MdcMiddleware.OPERATION));
        Map<String, String> left = MDC.getCopyOfContextMap();
        assertTrue(left == null || left.isEmpty(), () -> "left: " + left);
        assertNull(MDC.get(MdcMiddleware.TRACE_ID));
    }

    @Test
    void exceptionDetailsReachTheSpanOnlyWhenAskedFor() throws Exception {
        ServiceClient<TracedService> traced = client(NexusTelemetry.builder(sdk.otel).recordExceptionDetails(true)
                .build());
        assertThrows(HandlerException.class, () -> traced.execute(TracedService::echo, "boom"));
        SpanData server = sdk.span("Traced/echo", SpanKind.SERVER);
        assertTrue(server.getEvents().toString().contains(TracedServiceImpl.SECRET), server::toString);
        HistogramPointData duration = (HistogramPointData) sdk.point("rpc.server.call.duration",
                s("nexus.outcome"), "handler_error", s("error.type"), "INTERNAL");
        assertEquals(1, duration.getCount());
    }

    @Test
    void aFailingSdkNeverFailsTheCall() throws Exception {
        // a span processor of the application's that throws when a span ends
        SpanProcessor broken = new SpanProcessor() {
            @Override
            public void onStart(io.opentelemetry.context.Context parent, ReadWriteSpan span) {}

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                throw new IllegalStateException("exporter down");
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        };
        try (OpenTelemetrySdk failing = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(broken).build())
                .setPropagators(sdk.otel.getPropagators()).build()) {
            ServiceClient<TracedService> traced = client(NexusTelemetry.create(failing));
            assertEquals("hi", traced.execute(TracedService::echo, "hi"));
            assertThrows(HandlerException.class, () -> traced.execute(TracedService::echo, "bad"));
            assertEquals(HandlerException.ErrorType.BAD_REQUEST, assertThrows(HandlerException.class,
                    () -> traced.execute(TracedService::echo, "bad")).type(), "the handler's own answer, not INTERNAL");
        }
    }

    @Test
    void withTheNoopApiNothingIsWrappedAtAll() {
        NexusTelemetry noop = NexusTelemetry.create(OpenTelemetry.noop());
        OperationHandler<Object, Object> handler = (ctx, options, input) -> null;
        assertSame(handler, noop.middleware().wrap(ServiceDefinition.of(TracedService.class),
                ServiceDefinition.of(TracedService.class).operation("echo").orElseThrow(), handler));
        assertSame(TransportObserver.NONE, noop.transportObserver());
        // a propagating API without an SDK still carries the context through: not a no-op
        assertTrue(NexusTelemetry.create(OpenTelemetry.propagating(sdk.otel.getPropagators())).transportObserver()
                != TransportObserver.NONE);
    }
}
