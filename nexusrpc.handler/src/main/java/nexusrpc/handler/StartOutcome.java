package nexusrpc.handler;

import java.util.List;
import java.util.Objects;
import nexusrpc.api.Content;
import nexusrpc.api.Link;

/** What a start produced: a result, an asynchronous token, an operation failure or a handler error. */
public sealed interface StartOutcome permits StartOutcome.Sync, StartOutcome.Async, OperationFailure, HandlerError {
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
    }
}
