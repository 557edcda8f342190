package temporal.nexus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import nexusrpc.handler.ForwardingOperationHandler;
import nexusrpc.handler.MdcMiddleware;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.opentelemetry.NexusTelemetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import temporal.nexus.TemporalNexusWorker;

/**
 * A caller workflow traced with Temporal's own OpenTracing interceptors (bridged to OpenTelemetry by the shim):
 * its trace continues in our handler, whose middleware reads the context Temporal put in the Nexus request
 * headers, and in the workflow the {@code @WorkflowRunOperation} starts, whose start Temporal's client interceptor
 * makes a child of our server span. With the MDC and the worker's metrics.
 */
class TelemetryTest {
    private static final String QUEUE = "telemetry-tq";
    private static final String ENDPOINT = "telemetry-endpoint";

    private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private static final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private static final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                    W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
            .build();
    /** The MDC each call saw while it ran, and the MDC left on its thread after it. */
    private static final BlockingQueue<Map<String, String>> during = new LinkedBlockingQueue<>();
    private static final BlockingQueue<Map<String, String>> after = new LinkedBlockingQueue<>();

    private static TestWorkflowEnvironment env;
    private static TemporalNexusWorker worker;

    @BeforeAll
    static void start() {
        OpenTracingOptions tracing = OpenTracingOptions.newBuilder()
                .setTracer(OpenTracingShim.createTracerShim(sdk)).build();
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setInterceptors(new OpenTracingClientInterceptor(tracing)).build())
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new OpenTracingWorkerInterceptor(tracing)).build())
                .build());
        env.createNexusEndpoint(ENDPOINT, QUEUE);
        Worker workflows = env.newWorker(QUEUE);
        workflows.registerWorkflowImplementationTypes(Callers.CallerWorkflowImpl.class,
                Workflows.HelloWorkflowImpl.class);
        env.start();
        NexusTelemetry telemetry = NexusTelemetry.create(sdk);
        NexusHandler handler = NexusHandler.builder()
                .middleware(recording(after, true))
                .middleware(MdcMiddleware.create())
                .middleware(telemetry.middleware())
                .middleware(recording(during, false))
                .service(new GreetingImpl())
                .build();
        // the handler starts workflows with this client, which carries Temporal's tracing interceptor
        worker = TemporalNexusWorker.builder(env.getWorkflowClient(), QUEUE).handler(handler)
                .observer(telemetry.transportObserver()).shutdownTimeout(Duration.ofSeconds(5)).build();
        worker.start();
    }

    @AfterAll
    static void stop() {
        worker.close();
        env.close();
        sdk.close();
    }

    /** Records the MDC of the thread that runs each start: after the call returns, or just before the handler. */
    private static Middleware recording(BlockingQueue<Map<String, String>> into, boolean afterTheCall) {
        return (service, operation, next) -> new ForwardingOperationHandler<>(next) {
            @Override
            public nexusrpc.api.handler.StartResult<Object> start(nexusrpc.api.handler.OperationContext ctx,
                    nexusrpc.api.handler.StartOptions options, Object input) throws nexusrpc.api.OperationException {
                if (!afterTheCall) {
                    into.add(mdc());
                    return super.start(ctx, options, input);
                }
                try {
                    return super.start(ctx, options, input);
                } finally {
                    into.add(mdc());
                }
            }
        };
    }

    private static Map<String, String> mdc() {
        Map<String, String> m = MDC.getCopyOfContextMap();
        return m == null ? Map.of() : m;
    }

    @Test
    void aTracedCallerWorkflowsTraceGoesThroughOurHandlerIntoTheWorkflowItStarts() throws Exception {
        Callers.CallerWorkflow caller = env.getWorkflowClient().newWorkflowStub(Callers.CallerWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("traced-caller")
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(1)).build());
        assertEquals("ok:hello Ada", caller.call(Callers.Call.of(ENDPOINT, "hello-workflow", "Ada")));

        SpanData nexusCall = await(s -> s.getName().startsWith("StartNexusOperation:"));
        SpanData ours = await(s -> s.getName().equals("greeting/hello-workflow") && s.getKind() == SpanKind.SERVER);
        SpanData startWorkflow = await(s -> s.getName().equals("StartWorkflow:HelloWorkflow"));
        SpanData runWorkflow = await(s -> s.getName().equals("RunWorkflow:HelloWorkflow"));
        SpanData callerRun = await(s -> s.getName().equals("RunWorkflow:CallerWorkflow"));

        String trace = callerRun.getTraceId();
        for (SpanData s : List.of(nexusCall, ours, startWorkflow, runWorkflow)) {
            assertEquals(trace, s.getTraceId(), () -> s.getName() + " is in another trace: " + spans());
        }
        assertEquals(nexusCall.getSpanId(), ours.getParentSpanId(), "our server span continues the caller's call");
        assertEquals(ours.getSpanId(), startWorkflow.getParentSpanId(), "the workflow start is our span's child");
        assertEquals(startWorkflow.getSpanId(), runWorkflow.getParentSpanId());
        assertEquals("async", ours.getAttributes().get(AttributeKey.stringKey("nexus.outcome")));
        assertNotNull(ours.getAttributes().get(AttributeKey.stringKey("nexus.request_id")));

        // the MDC while the handler ran, and nothing left on the worker's thread after it
        Map<String, String> seen = during.take();
        assertEquals("greeting", seen.get(MdcMiddleware.SERVICE));
        assertEquals("hello-workflow", seen.get(MdcMiddleware.OPERATION));
        assertEquals("start", seen.get(MdcMiddleware.VERB));
        assertEquals(trace, seen.get(MdcMiddleware.TRACE_ID));
        assertEquals(ours.getAttributes().get(AttributeKey.stringKey("nexus.request_id")),
                seen.get(MdcMiddleware.REQUEST_ID));
        assertEquals(Map.of(), after.take());

        // the worker's metrics: polls by result, its slots and tasks in flight
        assertTrue(points("nexus.worker.poll.duration").stream().anyMatch(p -> "task".equals(
                p.getAttributes().get(AttributeKey.stringKey("nexus.poll.result")))), () -> "polls: "
                + points("nexus.worker.poll.duration"));
        PointData slots = points("nexus.worker.task.slots").get(0);
        assertEquals(QUEUE, slots.getAttributes().get(AttributeKey.stringKey("nexus.worker")));
        assertEquals("temporal", slots.getAttributes().get(AttributeKey.stringKey("nexus.transport")));
        assertEquals(100L, ((io.opentelemetry.sdk.metrics.data.LongPointData) slots).getValue());
        assertEquals(1, points("nexus.worker.tasks.active").size());
    }

    private static List<PointData> points(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name))
                .map(MetricData::getData).flatMap(d -> d.getPoints().stream()).collect(Collectors.toList());
    }

    private static SpanData await(java.util.function.Predicate<SpanData> which) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            Optional<SpanData> found = spans.getFinishedSpanItems().stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        } while (System.nanoTime() < end);
        throw new AssertionError("no such span among " + spans());
    }

    private static String spans() {
        return spans.getFinishedSpanItems().stream().map(s -> s.getName() + "(" + s.getSpanId() + "<-"
                + s.getParentSpanId() + ")").collect(Collectors.joining(", "));
    }
}
