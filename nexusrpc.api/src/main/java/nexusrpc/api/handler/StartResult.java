package nexusrpc.api.handler;

import java.util.List;
import java.util.Objects;
import nexusrpc.api.Link;

/**
 * The outcome of a successful start: a result now ({@link Sync}) or a token for an operation that goes on
 * ({@link Async}). Which one may be decided per request.
 *
 * @param <O> the operation's output type
 */
public sealed interface StartResult<O> {
    /** Links to attach to the response. */
    List<Link> links();

    /** A synchronous result. */
    static <O> Sync<O> sync(O value) {
        return new Sync<>(value, List.of());
    }

    /** An asynchronous start: the operation goes on and is identified by {@code token}. */
    static <O> Async<O> async(String token) {
        return new Async<>(token, List.of());
    }

    /**
     * The operation finished during start.
     *
     * @param value the result, may be {@code null} for operations without output
     * @param links links to attach to the response
     * @param <O> the output type
     */
    record Sync<O>(O value, List<Link> links) implements StartResult<O> {
        /** Copies the links. */
        public Sync {
            links = links == null ? List.of() : List.copyOf(links);
        }

        /** This result with the given links. */
        public Sync<O> withLinks(List<Link> newLinks) {
            return new Sync<>(value, newLinks);
        }
    }

    /**
     * The operation was started and goes on.
     *
     * @param token identifies the operation in fetchInfo, fetchResult, cancel and the completion
     * @param links links to attach to the response (e.g. to a backing workflow)
     * @param <O> the output type
     */
    record Async<O>(String token, List<Link> links) implements StartResult<O> {
        /** Checks the token and copies the links. */
        public Async {
            Objects.requireNonNull(token, "token");
            if (token.isEmpty()) {
                throw new IllegalArgumentException("an asynchronous start needs a non-empty operation token");
            }
            links = links == null ? List.of() : List.copyOf(links);
        }

        /** This result with the given links. */
        public Async<O> withLinks(List<Link> newLinks) {
            return new Async<>(token, newLinks);
        }
    }
}
