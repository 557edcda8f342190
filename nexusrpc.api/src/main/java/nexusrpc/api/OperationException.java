package nexusrpc.api;

import java.util.Objects;

/**
 * The operation itself finished unsuccessfully: it failed or was canceled. Unlike {@link HandlerException} this
 * is a final outcome, never retried.
 *
 * <p>Checked on purpose: operation handlers declare it, callers of a typed client must handle it.
 */
public class OperationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** FAILED or CANCELED. */
    private final OperationState state;

    /**
     * Creates the exception.
     *
     * @param state {@link OperationState#FAILED} or {@link OperationState#CANCELED}
     */
    public OperationException(OperationState state, String message, Throwable cause) {
        super(message, cause);
        Objects.requireNonNull(state, "state");
        if (state != OperationState.FAILED && state != OperationState.CANCELED) {
            throw new IllegalArgumentException("an OperationException is failed or canceled, not " + state);
        }
        this.state = state;
    }

    /** The operation failed. */
    public static OperationException failed(String message) {
        return new OperationException(OperationState.FAILED, message, null);
    }

    /** The operation failed because of {@code cause}. */
    public static OperationException failed(String message, Throwable cause) {
        return new OperationException(OperationState.FAILED, message, cause);
    }

    /** The operation was canceled. */
    public static OperationException canceled(String message) {
        return new OperationException(OperationState.CANCELED, message, null);
    }

    /** The operation was canceled because of {@code cause}. */
    public static OperationException canceled(String message, Throwable cause) {
        return new OperationException(OperationState.CANCELED, message, cause);
    }

    /** {@link OperationState#FAILED} or {@link OperationState#CANCELED}. */
    public OperationState state() {
        return state;
    }
}
