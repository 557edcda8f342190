package nexusrpc.handler.transport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.Link;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;

/**
 * The final outcome of an asynchronous operation, as delivered to the caller's callback URL by a {@link
 * CompletionDelivery} (over HTTP, {@code nexusrpc.http.CompletionSender}): {@link Succeeded} with the result, or {@link Unsuccessful} (failed or canceled) with a
 * failure.
 */
public sealed interface OperationCompletion permits OperationCompletion.Succeeded, OperationCompletion.Unsuccessful {
    /** The operation token, as returned by the start. */
    String token();

    /** The final state. */
    OperationState state();

    /** When the operation started, or {@code null} if unknown. */
    Instant startTime();

    /** When the operation finished. */
    Instant closeTime();

    /** Links to resources of the operation. */
    List<Link> links();

    /** A successful completion that closed now. */
    static Succeeded succeeded(String token, Content result, Instant startTime) {
        return new Succeeded(token, result, startTime, Instant.now(), List.of());
    }

    /**
     * A failed or canceled completion that closed now, from the exception the operation ended with. Only the
     * messages of the exception and its causes are sent, no stack traces or class names.
     */
    static Unsuccessful of(String token, OperationException e, Instant startTime) {
        return new Unsuccessful(token, e.state(), Failures.of(e, false), startTime, Instant.now(), List.of());
    }

    /**
     * The operation succeeded.
     *
     * @param token the operation token
     * @param result the serialized result
     * @param startTime when it started, or {@code null}
     * @param closeTime when it finished
     * @param links links to its resources
     */
    record Succeeded(String token, Content result, Instant startTime, Instant closeTime, List<Link> links)
            implements OperationCompletion {
        /** Checks the token and replaces nulls by empty values. */
        public Succeeded {
            requireToken(token);
            result = result == null ? Content.empty() : result;
            closeTime = closeTime == null ? Instant.now() : closeTime;
            links = links == null ? List.of() : List.copyOf(links);
        }

        @Override
        public OperationState state() {
            return OperationState.SUCCEEDED;
        }

        /** This completion with the given links. */
        public Succeeded withLinks(List<Link> newLinks) {
            return new Succeeded(token, result, startTime, closeTime, newLinks);
        }
    }

    /**
     * The operation failed or was canceled.
     *
     * @param token the operation token
     * @param state {@link OperationState#FAILED} or {@link OperationState#CANCELED}
     * @param failure what went wrong (the sender tags it as an operation error)
     * @param startTime when it started, or {@code null}
     * @param closeTime when it finished
     * @param links links to its resources
     */
    record Unsuccessful(String token, OperationState state, Failure failure, Instant startTime, Instant closeTime,
            List<Link> links) implements OperationCompletion {
        /** Checks the token and state and replaces nulls by empty values. */
        public Unsuccessful {
            requireToken(token);
            if (state != OperationState.FAILED && state != OperationState.CANCELED) {
                throw new IllegalArgumentException("an unsuccessful completion is failed or canceled, not " + state);
            }
            failure = failure == null ? Failure.of("") : failure;
            closeTime = closeTime == null ? Instant.now() : closeTime;
            links = links == null ? List.of() : List.copyOf(links);
        }

        /** This completion with the given links. */
        public Unsuccessful withLinks(List<Link> newLinks) {
            return new Unsuccessful(token, state, failure, startTime, closeTime, newLinks);
        }
    }

    private static void requireToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("a completion needs the operation token");
        }
    }
}
