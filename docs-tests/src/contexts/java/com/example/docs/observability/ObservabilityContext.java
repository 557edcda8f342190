package com.example.docs.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.net.URI;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.MdcMiddleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.client.NexusClient;
import nexusrpc.http.CompletionListener;
import nexusrpc.http.CompletionReceiver;
import nexusrpc.http.CompletionSender;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import nexusrpc.opentelemetry.NexusTelemetry;
import temporal.nexus.TemporalNexusWorker;

/** What docs/observability.md's fragments take as given, and their imports. */
abstract class ObservabilityContext {
    /** A service of yours. */
    @Service
    interface MyService {
        @Operation
        String hello(String name);
    }

    @ServiceImpl(MyService.class)
    static final class MyServiceImpl {
        @SyncOperation
        public String hello(String name) {
            return "Hello, " + name;
        }
    }

    /** Your application's OpenTelemetry (the SDK you configured, or GlobalOpenTelemetry.get()). */
    OpenTelemetry openTelemetry;
    NexusTelemetry telemetry;
    NexusHandler handler;
    /** The endpoint a client calls. */
    URI uri;
    /** What a completion receiver does with the completions it gets. */
    CompletionListener listener;
    /** Your Temporal connection and client. */
    WorkflowServiceStubs stubs;
    WorkflowClient client;
}
