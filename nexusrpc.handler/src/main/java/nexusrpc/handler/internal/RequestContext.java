package nexusrpc.handler.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.api.OperationException;
import nexusrpc.api.Serializer;
import nexusrpc.api.handler.CallerPrincipal;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.api.handler.CompletionCallback;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.StartRequest;

/** The {@link OperationContext} of one call; a plain value built by the dispatcher, no copies of headers. */
public final class RequestContext implements OperationContext {
    private final String service;
    private final String operation;
    private final Headers headers;
    private final Instant deadline;
    private final Cancellation cancellation;
    private final Map<Class<?>, Object> extensions;
    private final Serializer serializer;
    private final RegisteredOperation op;
    /** The start being served, for its completion callback; {@code null} for the other verbs. */
    private final StartRequest start;
    /** The authenticated caller; {@code null} when no authentication ran. */
    private final CallerPrincipal caller;

    /** Creates the context. */
    public RequestContext(String service, String operation, Headers headers, Instant deadline,
            Cancellation cancellation, Map<Class<?>, Object> extensions, Serializer serializer,
            RegisteredOperation op, StartRequest start, CallerPrincipal caller) {
        this.service = service;
        this.operation = operation;
        this.headers = headers;
        this.deadline = deadline;
        this.cancellation = cancellation;
        this.extensions = extensions;
        this.serializer = serializer;
        this.op = op;
        this.start = start;
        this.caller = caller;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public String operation() {
        return operation;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        Object v = extensions.get(type);
        return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
    }

    @Override
    public Optional<Serializer> serializer() {
        return Optional.of(serializer);
    }

    @Override
    public Optional<CompletionCallback> completionCallback() {
        if (start == null || start.callbackUrl() == null || start.completionDelivery() == null) {
            return Optional.empty();
        }
        return Optional.of(new Callback(start, serializer, op, Instant.now()));
    }

    @Override
    public Optional<CallerPrincipal> caller() {
        return caller == null || caller.isAnonymous() ? Optional.empty() : Optional.of(caller);
    }

    @Override
    public String toString() {
        return "OperationContext[" + service + "/" + operation + "]";
    }

    /** Serializes with the operation's output type and hands the completion to the transport's delivery. */
    private static final class Callback implements CompletionCallback {
        private final StartRequest start;
        private final Serializer serializer;
        private final RegisteredOperation op;
        private final Instant startTime;

        Callback(StartRequest start, Serializer serializer, RegisteredOperation op, Instant startTime) {
            this.start = start;
            this.serializer = serializer;
            this.op = op;
            this.startTime = startTime;
        }

        @Override
        public CompletionStage<Void> succeeded(String token, Object result) {
            Content content = result == null && op.definition().hasNoOutput()
                    ? Content.empty()
                    : serializer.serialize(result, op.outputType());
            return start.completionDelivery().deliver(start.callbackUrl(), start.callbackHeaders(),
                    new OperationCompletion.Succeeded(token, content, startTime, Instant.now(), List.of()));
        }

        @Override
        public CompletionStage<Void> failed(String token, OperationException outcome) {
            return start.completionDelivery().deliver(start.callbackUrl(), start.callbackHeaders(),
                    OperationCompletion.of(token, outcome, startTime));
        }

        @Override
        public String toString() {
            return "CompletionCallback[" + start.service() + "/" + start.operation() + " -> " + start.callbackUrl()
                    + "]";
        }
    }
}
