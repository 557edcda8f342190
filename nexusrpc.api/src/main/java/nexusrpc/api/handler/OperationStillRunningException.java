package nexusrpc.api.handler;

/**
 * Thrown by {@link OperationHandler#fetchResult} when the operation has not finished within the allowed wait.
 * Transports answer accordingly (HTTP 412, or 408 after a long poll).
 */
public class OperationStillRunningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public OperationStillRunningException() {
        super("the operation is still running", null, false, false);
    }
}
