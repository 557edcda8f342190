package nexusrpc.opentelemetry.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.handler.transport.CallResult;
import nexusrpc.handler.transport.CallResult.Outcome;
import nexusrpc.handler.transport.TransportObserver;

/**
 * One {@code NexusTelemetry}'s tracer, propagator and instruments, shared by its middleware and its observer. The
 * instrument names and units are listed in docs/observability.md; keep the two in step.
 */
public final class Telemetry {
    /** The instrumentation scope of every span and instrument. */
    public static final String SCOPE = "nexusrpc";
    /** Bucket boundaries for durations in seconds, as the semantic conventions advise for RPC durations. */
    private static final List<Double> SECONDS_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    /** Slots in the per-outcome tables: every outcome but handler error, then every handler error type. */
    static final int OUTCOME_SLOTS = Outcome.values().length + ErrorType.values().length;

    final Tracer tracer;
    final TextMapPropagator propagator;
    final boolean recordExceptionDetails;
    final DoubleHistogram serverDuration;
    final LongUpDownCounter activeCalls;
    final DoubleHistogram clientDuration;
    final LongCounter answers;
    final LongCounter completionAttempts;
    final LongCounter completionDeliveries;
    final LongCounter completionsReceived;
    final DoubleHistogram pollDuration;
    final LongCounter pollErrors;
    final LongCounter lateReplies;
    final Set<TransportObserver.WorkerGauges> workers = ConcurrentHashMap.newKeySet();

    /**
     * Creates the tracer and instruments.
     *
     * @param recordExceptionDetails whether spans get the message and stack trace of exceptions the engine hides
     *     from callers (unexpected errors in handlers): set it as the handler's {@code includeStackTraces}
     */
    public Telemetry(OpenTelemetry otel, String version, boolean recordExceptionDetails) {
        var tracerBuilder = otel.getTracerProvider().tracerBuilder(SCOPE);
        var meterBuilder = otel.getMeterProvider().meterBuilder(SCOPE);
        if (version != null) {
            tracerBuilder.setInstrumentationVersion(version);
            meterBuilder.setInstrumentationVersion(version);
        }
        this.tracer = tracerBuilder.build();
        this.propagator = otel.getPropagators().getTextMapPropagator();
        this.recordExceptionDetails = recordExceptionDetails;
        Meter meter = meterBuilder.build();
        this.serverDuration = meter.histogramBuilder("rpc.server.call.duration").setUnit("s")
                .setDescription("Duration of Nexus calls served, from the handler's start to its answer")
                .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build();
        this.activeCalls = meter.upDownCounterBuilder("nexus.server.active_calls").setUnit("{call}")
                .setDescription("Nexus calls being served now").build();
        this.clientDuration = meter.histogramBuilder("rpc.client.call.duration").setUnit("s")
                .setDescription("Duration of each attempt of a Nexus request sent")
                .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build();
        this.answers = meter.counterBuilder("nexus.server.answers").setUnit("{answer}")
                .setDescription("Answers a Nexus server transport gave, by status (408: deadline, 429: overloaded)")
                .build();
        this.completionAttempts = meter.counterBuilder("nexus.completion.attempts").setUnit("{attempt}")
                .setDescription("Attempts to deliver an operation's completion to its callback URL").build();
        this.completionDeliveries = meter.counterBuilder("nexus.completion.deliveries").setUnit("{delivery}")
                .setDescription("Completions delivered, or given up after the last attempt").build();
        this.completionsReceived = meter.counterBuilder("nexus.completion.received").setUnit("{completion}")
                .setDescription("Completions received by a completion receiver").build();
        this.pollDuration = meter.histogramBuilder("nexus.worker.poll.duration").setUnit("s")
                .setDescription("Duration of a worker's polls for Nexus tasks").build();
        this.pollErrors = meter.counterBuilder("nexus.worker.poll.errors").setUnit("{error}")
                .setDescription("Polls for Nexus tasks that failed").build();
        this.lateReplies = meter.counterBuilder("nexus.worker.late_replies").setUnit("{reply}")
                .setDescription("Replies to Nexus tasks dropped because their deadline had passed").build();
        meter.gaugeBuilder("nexus.worker.tasks.active").ofLongs().setUnit("{task}")
                .setDescription("Nexus tasks a worker handles now").buildWithCallback(m -> {
                    for (TransportObserver.WorkerGauges g : workers) {
                        m.record(g.tasksInFlight(), workerAttributes(g));
                    }
                });
        meter.gaugeBuilder("nexus.worker.task.slots").ofLongs().setUnit("{slot}")
                .setDescription("Nexus tasks a worker handles at once at most").buildWithCallback(m -> {
                    for (TransportObserver.WorkerGauges g : workers) {
                        m.record(g.slots(), workerAttributes(g));
                    }
                });
    }

    static Attributes workerAttributes(TransportObserver.WorkerGauges g) {
        return Attributes.of(Keys.TRANSPORT, g.transport(), Keys.WORKER, g.name());
    }

    /** The slot of an outcome in the per-outcome tables. */
    static int slot(Outcome outcome, ErrorType type) {
        return outcome == Outcome.HANDLER_ERROR
                ? Outcome.values().length + (type == null ? ErrorType.UNKNOWN : type).ordinal()
                : outcome.ordinal();
    }

    /** What {@code rpc.response.status_code} says of an outcome. */
    static String statusCode(Outcome outcome, ErrorType type) {
        switch (outcome) {
            case HANDLER_ERROR:
                return (type == null ? ErrorType.UNKNOWN : type).name();
            case FAILED:
                return "OPERATION_FAILED";
            case CANCELED:
                return "OPERATION_CANCELED";
            default:
                return "OK";
        }
    }

    /** What {@code error.type} says of an outcome, or {@code null} when it is no error. */
    static String errorType(Outcome outcome, ErrorType type) {
        switch (outcome) {
            case HANDLER_ERROR:
                return (type == null ? ErrorType.UNKNOWN : type).name();
            case FAILED:
                return "OPERATION_FAILED";
            default:
                return null;
        }
    }

    /** {@code base} plus the outcome's attributes, for every slot. */
    static Attributes[] perOutcome(Attributes base) {
        Attributes[] table = new Attributes[OUTCOME_SLOTS];
        for (Outcome o : Outcome.values()) {
            if (o == Outcome.HANDLER_ERROR) {
                for (ErrorType t : ErrorType.values()) {
                    table[slot(o, t)] = withOutcome(base, o, t);
                }
            } else {
                table[slot(o, null)] = withOutcome(base, o, null);
            }
        }
        return table;
    }

    private static Attributes withOutcome(Attributes base, Outcome o, ErrorType t) {
        AttributesBuilder b = base.toBuilder().put(Keys.OUTCOME, o.label()).put(Keys.RPC_STATUS, statusCode(o, t));
        String error = errorType(o, t);
        if (error != null) {
            b.put(Keys.ERROR_TYPE, error);
        }
        return b.build();
    }

    /**
     * Ends a span with an outcome: its attributes, and an error status for handler errors and failed operations,
     * described with the message the caller got.
     */
    static void end(Span span, CallResult result) {
        Outcome o = result.outcome();
        span.setAttribute(Keys.OUTCOME, o.label());
        span.setAttribute(Keys.RPC_STATUS, statusCode(o, result.errorType()));
        String error = errorType(o, result.errorType());
        if (error != null) {
            span.setAttribute(Keys.ERROR_TYPE, error);
            span.setStatus(StatusCode.ERROR, result.message() == null ? "" : result.message());
        }
        if (result.status() > 0) {
            span.setAttribute(Keys.HTTP_STATUS, (long) result.status());
        }
        if (result.error() != null) {
            // a transport's own failure (connection refused): ours, with nothing of a peer's in it
            span.recordException(result.error());
        }
        if (result.retrying()) {
            span.setAttribute(Keys.RETRYING, true);
        }
        span.end();
    }
}
