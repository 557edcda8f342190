package nexusrpc.opentelemetry.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Headers;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.OperationState;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.CompletionCallback;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.ForwardingOperationContext;
import nexusrpc.handler.ForwardingOperationHandler;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.transport.CallResult.Outcome;
import nexusrpc.handler.transport.DeadlineExceeded;

/**
 * A server span and the server metrics for every verb of every operation, whatever the transport: the span's
 * parent is the context the request's headers carry (W3C trace context and baggage from an HTTP caller, a Temporal
 * caller, or a {@code NexusClient} in memory), and it is current while the handler runs, so that the handler's own
 * spans and the workflows it starts continue the trace. A start's completion callback is delivered in the start's
 * context, so that the delivery continues the trace too.
 */
public final class TracingMiddleware implements Middleware {
    private static final String[] VERBS = {"start", "fetchInfo", "fetchResult", "cancel"};
    private static final int START = 0;
    private static final int FETCH_INFO = 1;
    private static final int FETCH_RESULT = 2;
    private static final int CANCEL = 3;
    /** What the caller of an unexpected failure reads, and so all a span says of it unless details are on. */
    private static final String INTERNAL_MESSAGE = "internal error (details are in the handler's log)";

    private final Telemetry telemetry;

    /** A middleware recording into {@code telemetry}. */
    public TracingMiddleware(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public OperationHandler<Object, Object> wrap(
            ServiceDefinition service, OperationDefinition<?, ?> operation, OperationHandler<Object, Object> next) {
        return new Traced(telemetry, service.name(), operation.name(), next);
    }

    /** One operation's handler with its span name and attribute tables, computed once. */
    private static final class Traced extends ForwardingOperationHandler<Object, Object> {
        private final Telemetry t;
        private final String spanName;
        private final String service;
        private final String operation;
        /** Per verb: the attributes of the active-calls counter. */
        private final Attributes[] active = new Attributes[VERBS.length];
        /** Per verb and outcome slot: the attributes of the duration histogram. */
        private final Attributes[][] durations = new Attributes[VERBS.length][];

        Traced(Telemetry t, String service, String operation, OperationHandler<Object, Object> next) {
            super(next);
            this.t = t;
            this.service = service;
            this.operation = operation;
            this.spanName = service + "/" + operation;
            for (int v = 0; v < VERBS.length; v++) {
                active[v] = Attributes.of(Keys.RPC_SYSTEM_NAME, Keys.SYSTEM, Keys.RPC_METHOD, spanName,
                        Keys.SERVICE, service, Keys.OPERATION, operation, Keys.VERB, VERBS[v]);
                durations[v] = Telemetry.perOutcome(active[v]);
            }
        }

        @Override
        public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                throws OperationException {
            return traced(ctx, START, options.requestId(), call -> {
                StartResult<Object> result = next().start(new StartContext(ctx, call.context), options, input);
                call.outcome = result instanceof StartResult.Async ? Outcome.ASYNC : Outcome.SYNC;
                return result;
            });
        }

        @Override
        public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token)
                throws OperationException {
            return traced(ctx, FETCH_INFO, null, call -> next().fetchInfo(ctx, options, token));
        }

        @Override
        public Object fetchResult(OperationContext ctx, FetchResultOptions options, String token)
                throws OperationException {
            return traced(ctx, FETCH_RESULT, null, call -> next().fetchResult(ctx, options, token));
        }

        @Override
        public void cancel(OperationContext ctx, CancelOptions options, String token) {
            traced(ctx, CANCEL, null, call -> {
                next().cancel(ctx, options, token);
                return null;
            });
        }

        /** Runs one verb in its span, made current, and records how it ended. */
        private <T, X extends Exception> T traced(OperationContext ctx, int verb, String requestId,
                Invocation<T, X> body) throws X {
            Call call = Guard.get(() -> begin(ctx, verb, requestId),
                    () -> new Call(verb, Span.getInvalid(), Context.current(), System.nanoTime()));
            try (Scope ignored = call.context.makeCurrent()) {
                return body.run(call);
            } catch (Throwable e) {
                Guard.run(() -> call.failed(e));
                throw e;
            } finally {
                Guard.run(() -> call.end(ctx));
            }
        }

        private Call begin(OperationContext ctx, int verb, String requestId) {
            Headers headers = ctx.headers();
            Context parent = headers == null || headers.isEmpty() ? Context.current()
                    : t.propagator.extract(Context.current(), headers, Carriers.HEADERS);
            var builder = t.tracer.spanBuilder(spanName).setSpanKind(SpanKind.SERVER).setParent(parent)
                    .setAllAttributes(active[verb]);
            if (requestId != null) {
                builder.setAttribute(Keys.REQUEST_ID, requestId);
            }
            Span span = builder.startSpan();
            t.activeCalls.add(1, active[verb]);
            return new Call(verb, span, parent.with(span), System.nanoTime());
        }

        /** One call in progress: its span, context and what it ended with. */
        private final class Call {
            final int verb;
            final Span span;
            final Context context;
            final long startNanos;
            Outcome outcome = Outcome.OK;
            ErrorType errorType;
            String message;

            Call(int verb, Span span, Context context, long startNanos) {
                this.verb = verb;
                this.span = span;
                this.context = context;
                this.startNanos = startNanos;
            }

            void failed(Throwable e) {
                if (e instanceof OperationException oe) {
                    outcome = oe.state() == OperationState.CANCELED ? Outcome.CANCELED : Outcome.FAILED;
                    message = oe.getMessage();
                    // the message reaches the caller anyway; the stack trace only with details on
                    recordException(e, message);
                } else if (e instanceof OperationStillRunningException) {
                    outcome = Outcome.STILL_RUNNING;
                } else if (e instanceof HandlerException he) {
                    outcome = Outcome.HANDLER_ERROR;
                    errorType = he.type();
                    message = he.getMessage();
                    recordException(e, message);
                } else {
                    // the engine answers INTERNAL and hides the message from the caller: so does the span
                    outcome = Outcome.HANDLER_ERROR;
                    errorType = ErrorType.INTERNAL;
                    message = t.recordExceptionDetails ? "internal error: " + e : INTERNAL_MESSAGE;
                    recordException(e, null);
                }
            }

            private void recordException(Throwable e, String callerMessage) {
                if (t.recordExceptionDetails) {
                    span.recordException(e);
                } else if (callerMessage != null) {
                    span.addEvent("exception", Attributes.of(Keys.EXCEPTION_TYPE, e.getClass().getName(),
                            Keys.EXCEPTION_MESSAGE, callerMessage));
                } else {
                    span.addEvent("exception", Attributes.of(Keys.EXCEPTION_TYPE, e.getClass().getName()));
                }
            }

            void end(OperationContext ctx) {
                if (DeadlineExceeded.REASON.equals(ctx.cancellation().reason())) {
                    // the engine answered the caller when the deadline (or a long poll's wait) passed: that answer
                    // is what the caller got, whatever the handler returned later
                    span.setAttribute(Keys.DEADLINE_EXCEEDED, true);
                    boolean pollEnded = verb == FETCH_RESULT
                            && ctx.deadline().map(d -> d.isAfter(java.time.Instant.now())).orElse(true);
                    outcome = pollEnded ? Outcome.STILL_RUNNING : Outcome.HANDLER_ERROR;
                    errorType = pollEnded ? null : ErrorType.REQUEST_TIMEOUT;
                    message = pollEnded ? null : "the handler did not answer within the request timeout";
                }
                span.setAttribute(Keys.OUTCOME, outcome.label());
                span.setAttribute(Keys.RPC_STATUS, Telemetry.statusCode(outcome, errorType));
                String error = Telemetry.errorType(outcome, errorType);
                if (error != null) {
                    span.setAttribute(Keys.ERROR_TYPE, error);
                    span.setStatus(StatusCode.ERROR, message == null ? "" : message);
                }
                span.end();
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                t.serverDuration.record(seconds, durations[verb][Telemetry.slot(outcome, errorType)]);
                t.activeCalls.add(-1, active[verb]);
            }
        }

        @Override
        public String toString() {
            return "Traced[" + service + "/" + operation + " -> " + next() + "]";
        }
    }

    /** One verb's call to the next handler, given the call's span and context. */
    @FunctionalInterface
    private interface Invocation<T, X extends Exception> {
        T run(Traced.Call call) throws X;
    }

    /** A start's context whose completion callback delivers in the start's trace context. */
    private static final class StartContext extends ForwardingOperationContext {
        private final Context context;

        StartContext(OperationContext delegate, Context context) {
            super(delegate);
            this.context = context;
        }

        @Override
        public Optional<CompletionCallback> completionCallback() {
            return delegate().completionCallback().map(cb -> new InContext(cb, context));
        }
    }

    /**
     * Delivers with the start's context current: the delivery (e.g. {@code CompletionSender}) captures it for every
     * attempt, so the callback request continues the trace of the operation that completed.
     */
    private record InContext(CompletionCallback delegate, Context context) implements CompletionCallback {
        @Override
        public CompletionStage<Void> succeeded(String token, Object result) {
            try (Scope ignored = context.makeCurrent()) {
                return delegate.succeeded(token, result);
            }
        }

        @Override
        public CompletionStage<Void> failed(String token, OperationException outcome) {
            try (Scope ignored = context.makeCurrent()) {
                return delegate.failed(token, outcome);
            }
        }
    }
}
