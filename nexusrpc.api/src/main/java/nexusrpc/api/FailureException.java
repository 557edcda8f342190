package nexusrpc.api;

import java.util.Objects;

/**
 * A failure received from a peer, kept as the cause of a rehydrated {@link HandlerException} or {@link
 * OperationException} so nothing the peer sent is lost.
 */
public class FailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    /** Wraps a received failure; its cause chain becomes this exception's cause chain. */
    public FailureException(Failure failure) {
        super(Objects.requireNonNull(failure, "failure").message(),
                failure.cause() == null ? null : new FailureException(failure.cause()));
        this.failure = failure;
    }

    /** The failure as received. */
    public Failure failure() {
        return failure;
    }
}
