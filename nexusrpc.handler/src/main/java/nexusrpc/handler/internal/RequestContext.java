package nexusrpc.handler.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import nexusrpc.api.Headers;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.api.handler.OperationContext;

/** The {@link OperationContext} of one call; a plain value built by the dispatcher, no copies of headers. */
public final class RequestContext implements OperationContext {
    private final String service;
    private final String operation;
    private final Headers headers;
    private final Instant deadline;
    private final Cancellation cancellation;
    private final Map<Class<?>, Object> extensions;

    /** Creates the context. */
    public RequestContext(String service, String operation, Headers headers, Instant deadline,
            Cancellation cancellation, Map<Class<?>, Object> extensions) {
        this.service = service;
        this.operation = operation;
        this.headers = headers;
        this.deadline = deadline;
        this.cancellation = cancellation;
        this.extensions = extensions;
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
    public String toString() {
        return "OperationContext[" + service + "/" + operation + "]";
    }
}
