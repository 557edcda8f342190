package nexusrpc.opentelemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.opentelemetry.internal.TelemetryObserver;
import nexusrpc.opentelemetry.internal.Telemetry;
import nexusrpc.opentelemetry.internal.TracingMiddleware;

/**
 * Turns OpenTelemetry on for Nexus, one call per builder: {@link #middleware()} on the {@code NexusHandler}
 * (server spans and metrics for every call on every transport, MDC-free), {@link #transportObserver()} on each
 * transport (client spans per attempt with W3C trace context and baggage in the request headers, completion
 * callbacks that continue the trace of the operation that completed, server answers, worker polls and slots).
 *
 * <pre>{@code
 * NexusTelemetry telemetry = NexusTelemetry.create(openTelemetry);     // or create(): GlobalOpenTelemetry
 * NexusHandler handler = NexusHandler.builder().middleware(telemetry.middleware()).service(impl).build();
 * NexusHttpServer.builder(handler).observer(telemetry.transportObserver()).start();
 * NexusHttpClient.builder(uri).observer(telemetry.transportObserver()).build();
 * }</pre>
 *
 * <p>Explicit, not discovered: nothing is traced unless you install it, and installing it costs nothing when the
 * {@code OpenTelemetry} is the no-op one. Spans, metrics and attribute names are listed in {@code
 * docs/observability.md}. Thread-safe; one instance serves any number of handlers and transports.
 */
public final class NexusTelemetry {
    /** Wraps nothing: what {@link #middleware()} is when there is nothing to record or propagate. */
    private static final Middleware NONE = (service, operation, next) -> next;

    private final Middleware middleware;
    private final TransportObserver observer;

    private NexusTelemetry(Builder b) {
        if (isNoop(b.openTelemetry)) {
            // no SDK and no propagator: every span and instrument would be a no-op, so skip even the calls
            this.middleware = NONE;
            this.observer = TransportObserver.NONE;
        } else {
            Telemetry telemetry = new Telemetry(b.openTelemetry,
                    NexusTelemetry.class.getPackage().getImplementationVersion(), b.recordExceptionDetails);
            this.middleware = new TracingMiddleware(telemetry);
            this.observer = new TelemetryObserver(telemetry);
        }
    }

    /**
     * Whether {@code otel} records nothing and propagates nothing: the API's no-op, or {@link GlobalOpenTelemetry}
     * when nothing was installed (which stays so: the global cannot be set after it was read). The no-op providers
     * hand out one tracer and one meter for every name, whatever wraps them.
     */
    static boolean isNoop(OpenTelemetry otel) {
        return otel.getTracerProvider().get(Telemetry.SCOPE) == TracerProvider.noop().get(Telemetry.SCOPE)
                && otel.getMeterProvider().get(Telemetry.SCOPE) == MeterProvider.noop().get(Telemetry.SCOPE)
                && otel.getPropagators().getTextMapPropagator() == TextMapPropagator.noop();
    }

    /** Telemetry into {@link GlobalOpenTelemetry}: what the Java agent or {@code GlobalOpenTelemetry.set} installed. */
    public static NexusTelemetry create() {
        return builder(GlobalOpenTelemetry.get()).build();
    }

    /** Telemetry into {@code openTelemetry}. */
    public static NexusTelemetry create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /** A builder of telemetry into {@code openTelemetry}. */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    /** For {@code NexusHandler.Builder.middleware}: a server span and server metrics for every call. */
    public Middleware middleware() {
        return middleware;
    }

    /**
     * For the {@code observer(...)} of every transport builder ({@code NexusHttpServer}, {@code NexusHttpClient},
     * {@code CompletionSender}, {@code CompletionReceiver}, {@code NexusClient}, {@code TemporalNexusWorker}).
     */
    public TransportObserver transportObserver() {
        return observer;
    }

    /** Builds a {@link NexusTelemetry}. Not thread-safe. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean recordExceptionDetails;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
        }

        /**
         * Whether server spans get the message and stack trace of the unexpected exceptions the engine hides from
         * callers (default false: their type only, and the generic message the caller got). Set it as you set the
         * handler's {@code includeStackTraces}: a trace is seen by more people than the handler's log.
         */
        public Builder recordExceptionDetails(boolean on) {
            this.recordExceptionDetails = on;
            return this;
        }

        /** The telemetry. */
        public NexusTelemetry build() {
            return new NexusTelemetry(this);
        }
    }
}
