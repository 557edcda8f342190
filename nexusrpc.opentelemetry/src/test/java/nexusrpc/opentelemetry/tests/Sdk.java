package nexusrpc.opentelemetry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** An OpenTelemetry SDK that keeps every span and metric in memory, with W3C trace context and baggage. */
final class Sdk implements AutoCloseable {
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                    W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
            .build();

    /** Waits (a little) until {@code n} spans matching {@code which} ended, and returns them. */
    List<SpanData> await(int n, Predicate<SpanData> which) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<SpanData> found;
        do {
            found = spans.getFinishedSpanItems().stream().filter(which).collect(Collectors.toList());
            if (found.size() >= n) {
                return found;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < end);
        throw new AssertionError("expected " + n + " spans, got " + found + " of " + spans.getFinishedSpanItems());
    }

    /** The one ended span of that name and kind. */
    SpanData span(String name, SpanKind kind) throws InterruptedException {
        List<SpanData> found = await(1, s -> s.getName().equals(name) && s.getKind() == kind);
        assertEquals(1, found.size(), () -> "spans named " + name + ": " + found);
        return found.get(0);
    }

    /** The points of the metric {@code name} collected now. */
    Collection<? extends PointData> points(String name) {
        List<PointData> points = new ArrayList<>();
        for (MetricData m : metrics.collectAllMetrics()) {
            if (m.getName().equals(name)) {
                points.addAll(m.getData().getPoints());
            }
        }
        return points;
    }

    /** The one point of {@code name} whose attributes have every given key and value (pairs). */
    PointData point(String name, Object... keysAndValues) {
        List<PointData> matching = matching(name, keysAndValues);
        assertTrue(matching.size() == 1, () -> "points of " + name + " with " + List.of(keysAndValues) + ": "
                + matching + " among " + points(name));
        return matching.get(0);
    }

    /** The sum of the counter {@code name} over the points whose attributes have the given keys and values. */
    long sum(String name, Object... keysAndValues) {
        return matching(name, keysAndValues).stream().mapToLong(p -> ((LongPointData) p).getValue()).sum();
    }

    private List<PointData> matching(String name, Object... keysAndValues) {
        return points(name).stream().filter(p -> {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                Object v = p.getAttributes().asMap().get(keysAndValues[i]);
                if (v == null || !v.equals(keysAndValues[i + 1])) {
                    return false;
                }
            }
            return true;
        }).collect(Collectors.toList());
    }

    static AttributeKey<String> s(String key) {
        return AttributeKey.stringKey(key);
    }

    static AttributeKey<Long> l(String key) {
        return AttributeKey.longKey(key);
    }

    @Override
    public void close() {
        otel.close();
    }
}
