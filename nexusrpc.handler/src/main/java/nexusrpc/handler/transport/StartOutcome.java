package nexusrpc.handler.transport;

import java.util.List;
import java.util.Objects;
import nexusrpc.api.Content;
import nexusrpc.api.Link;

/**
 * What a start produced: a result, an asynchronous token, an operation failure, a handler error, or the deadline
 * passing first. Transports handle it with {@link #accept(Visitor)}: a new variant adds a visitor method, so every
 * transport stops compiling until it handles it.
 */
public sealed interface StartOutcome
        permits StartOutcome.Sync, StartOutcome.Async, OperationFailure, HandlerError, DeadlineExceeded {
    /** Calls the visitor's method for this variant. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per variant of {@link StartOutcome}.
     *
     * @param <R> what the transport makes of an outcome
     */
    interface Visitor<R> {
        /** The operation finished during start. */
        R sync(Sync sync);

        /** The operation goes on; the caller got a token. */
        R async(Async async);

        /** The operation failed or was canceled. */
        R operationFailure(OperationFailure failure);

        /** The request failed. */
        R handlerError(HandlerError error);

        /** The request's deadline passed first. */
        R deadlineExceeded(DeadlineExceeded deadline);
    }

    /**
     * The operation finished during start.
     *
     * @param result the serialized result
     * @param links links from the handler
     */
    record Sync(Content result, List<Link> links) implements StartOutcome {
        /** Replaces nulls by empty values. */
        public Sync {
            result = result == null ? Content.empty() : result;
            links = links == null ? List.of() : links;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sync(this);
        }
    }

    /**
     * The operation was started and goes on.
     *
     * @param token the operation token
     * @param links links from the handler
     */
    record Async(String token, List<Link> links) implements StartOutcome {
        /** Checks the token and replaces null links by none. */
        public Async {
            Objects.requireNonNull(token, "token");
            links = links == null ? List.of() : links;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.async(this);
        }
    }
}
