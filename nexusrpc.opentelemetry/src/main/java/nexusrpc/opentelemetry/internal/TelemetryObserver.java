package nexusrpc.opentelemetry.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import nexusrpc.api.Headers;
import nexusrpc.handler.transport.CallResult;
import nexusrpc.handler.transport.ObservedCall;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.handler.transport.WorkerPoll;

/**
 * Client spans for every attempt a transport sends, with W3C trace context and baggage injected into its headers;
 * server spans for completions received, continuing the sender's trace; and the transports' metrics.
 */
public final class TelemetryObserver implements TransportObserver {
    private static final String COMPLETION_SPAN = "completion";

    private final Telemetry t;
    private final ConcurrentHashMap<Integer, Attributes> answerAttributes = new ConcurrentHashMap<>();

    /** An observer recording into {@code telemetry}. */
    public TelemetryObserver(Telemetry telemetry) {
        this.t = telemetry;
    }

    @Override
    public Outgoing outgoing(ObservedCall call) {
        // the caller's context, now: attempts may be made later, from a retry thread
        return Guard.get(() -> new Request(call, Context.current()), () -> Outgoing.NONE);
    }

    @Override
    public Incoming incoming(ObservedCall call, Headers headers) {
        return Guard.get(() -> receive(call, headers), () -> Incoming.NONE);
    }

    private Incoming receive(ObservedCall call, Headers headers) {
        Context parent = t.propagator.extract(Context.current(), headers, Carriers.HEADERS);
        SpanBuilder b = t.tracer.spanBuilder(spanName(call)).setSpanKind(SpanKind.SERVER).setParent(parent)
                .setAllAttributes(attributes(call));
        Span span = b.startSpan();
        Scope scope = parent.with(span).makeCurrent();
        return result -> Guard.run(() -> {
            try {
                scope.close();
            } finally {
                Telemetry.end(span, result);
                if (call.kind() == ObservedCall.Kind.COMPLETION) {
                    t.completionsReceived.add(1, Attributes.of(Keys.TRANSPORT, call.transport(), Keys.OUTCOME,
                            result.outcome().label()));
                }
            }
        });
    }

    @Override
    public void answered(String transport, int status) {
        Guard.run(() -> t.answers.add(1, answerAttributes.computeIfAbsent(status,
                s -> Attributes.of(Keys.TRANSPORT, transport, Keys.HTTP_STATUS, (long) s))));
    }

    @Override
    public void polled(WorkerPoll poll) {
        Guard.run(() -> recordPoll(poll));
    }

    private void recordPoll(WorkerPoll poll) {
        String result = poll.error() != null ? "error" : poll.gotTask() ? "task" : "empty";
        Attributes a = Attributes.of(Keys.TRANSPORT, poll.transport(), Keys.WORKER, poll.name(), Keys.POLL, result);
        t.pollDuration.record(poll.latency().toNanos() / 1e9, a);
        if (poll.error() != null) {
            t.pollErrors.add(1, Attributes.of(Keys.TRANSPORT, poll.transport(), Keys.WORKER, poll.name(),
                    Keys.ERROR_TYPE, poll.error().getClass().getName()));
        }
    }

    @Override
    public void lateReplyDropped(ObservedCall call) {
        Guard.run(() -> t.lateReplies.add(1, attributes(call)));
    }

    @Override
    public void workerStarted(WorkerGauges gauges) {
        t.workers.add(gauges);
    }

    @Override
    public void workerStopped(WorkerGauges gauges) {
        t.workers.remove(gauges);
    }

    private static String spanName(ObservedCall call) {
        return call.service() == null ? COMPLETION_SPAN : call.service() + "/" + call.operation();
    }

    private static Attributes attributes(ObservedCall call) {
        AttributesBuilder b = Attributes.builder().put(Keys.RPC_SYSTEM_NAME, Keys.SYSTEM)
                .put(Keys.TRANSPORT, call.transport()).put(Keys.VERB, call.kind().label());
        if (call.service() != null) {
            b.put(Keys.RPC_METHOD, call.service() + "/" + call.operation()).put(Keys.SERVICE, call.service())
                    .put(Keys.OPERATION, call.operation());
        }
        return b.build();
    }

    /** One request sent: a client span per attempt, children of the context it was asked for in. */
    private final class Request implements Outgoing {
        private final ObservedCall call;
        private final Context parent;
        private final String name;
        private final Attributes attributes;

        Request(ObservedCall call, Context parent) {
            this.call = call;
            this.parent = parent;
            this.name = spanName(call);
            this.attributes = attributes(call);
        }

        @Override
        public Attempt attempt(int number, BiConsumer<String, String> headers) {
            return Guard.get(() -> send(number, headers), () -> Attempt.NONE);
        }

        private Attempt send(int number, BiConsumer<String, String> headers) {
            SpanBuilder b = t.tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT).setParent(parent)
                    .setAllAttributes(attributes).setAttribute(Keys.ATTEMPT, (long) number);
            if (call.requestId() != null) {
                b.setAttribute(Keys.REQUEST_ID, call.requestId());
            }
            if (call.target() != null) {
                b.setAttribute(Keys.SERVER_ADDRESS, call.target());
            }
            Span span = b.startSpan();
            t.propagator.inject(parent.with(span), headers, Carriers.SINK);
            long startNanos = System.nanoTime();
            return result -> Guard.run(() -> {
                Telemetry.end(span, result);
                Attributes outcome = withOutcome(result);
                t.clientDuration.record((System.nanoTime() - startNanos) / 1e9, outcome);
                if (call.kind() == ObservedCall.Kind.COMPLETION) {
                    AttributesBuilder a = outcome.toBuilder();
                    if (result.status() > 0) {
                        a.put(Keys.HTTP_STATUS, (long) result.status());
                    }
                    t.completionAttempts.add(1, a.put(Keys.RETRYING, result.retrying()).build());
                }
            });
        }

        @Override
        public void end(CallResult result) {
            if (call.kind() == ObservedCall.Kind.COMPLETION) {
                Guard.run(() -> t.completionDeliveries.add(1, Attributes.of(Keys.TRANSPORT, call.transport(),
                        Keys.DELIVERY, result.isError() ? "given_up" : "delivered")));
            }
        }

        private Attributes withOutcome(CallResult result) {
            AttributesBuilder b = attributes.toBuilder().put(Keys.OUTCOME, result.outcome().label())
                    .put(Keys.RPC_STATUS, Telemetry.statusCode(result.outcome(), result.errorType()));
            String error = Telemetry.errorType(result.outcome(), result.errorType());
            if (error != null) {
                b.put(Keys.ERROR_TYPE, error);
            }
            return b.build();
        }
    }
}
