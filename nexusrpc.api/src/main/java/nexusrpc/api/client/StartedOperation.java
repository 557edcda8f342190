package nexusrpc.api.client;

import java.util.List;
import nexusrpc.api.Link;

/**
 * What a start returned to the caller: the result ({@link Completed}) or a handle on the running operation
 * ({@link Running}).
 *
 * @param <O> the output type
 */
public sealed interface StartedOperation<O> {
    /** Links the handler attached to its response. */
    List<Link> links();

    /** The handle of an asynchronous operation; throws {@link IllegalStateException} if it finished at start. */
    OperationHandle<O> handle();

    /**
     * The operation finished during start.
     *
     * @param value the result
     * @param links links from the handler
     * @param <O> the output type
     */
    record Completed<O>(O value, List<Link> links) implements StartedOperation<O> {
        /** Copies the links. */
        public Completed {
            links = links == null ? List.of() : List.copyOf(links);
        }

        @Override
        public OperationHandle<O> handle() {
            throw new IllegalStateException("the operation completed synchronously: use value(), there is no handle");
        }
    }

    /**
     * The operation was started and goes on.
     *
     * @param handle the handle on the operation
     * @param links links from the handler
     * @param <O> the output type
     */
    record Running<O>(OperationHandle<O> handle, List<Link> links) implements StartedOperation<O> {
        /** Copies the links. */
        public Running {
            links = links == null ? List.of() : List.copyOf(links);
        }
    }
}
