package jlink.demo.trace;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import jlink.demo.services.DemoTracing;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.opentelemetry.NexusTelemetry;

/**
 * {@code --trace}: the OpenTelemetry SDK with an exporter that prints every finished span as part of an indented
 * tree (see {@link TreePrinter}), and {@code NexusTelemetry} on it. Found with {@code ServiceLoader} when the
 * launcher puts {@code lib/trace} on the class path: the OpenTelemetry jars are not modules, so they cannot be
 * linked into the image.
 */
public final class TreeTracing implements DemoTracing {
    private final OpenTelemetrySdk sdk;
    private final NexusTelemetry telemetry;

    /** The SDK, printing to standard output. */
    public TreeTracing() {
        this.sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(new TreePrinter(System.out)).build())
                .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
                .build();
        this.telemetry = NexusTelemetry.create(sdk);
    }

    @Override
    public Middleware middleware() {
        return telemetry.middleware();
    }

    @Override
    public TransportObserver observer() {
        return telemetry.transportObserver();
    }

    @Override
    public void close() {
        sdk.close();
    }
}
