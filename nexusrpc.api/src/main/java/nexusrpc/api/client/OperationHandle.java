package nexusrpc.api.client;

import java.time.Duration;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;

/**
 * A caller's handle on an asynchronous operation, identified by its token.
 *
 * @param <O> the operation's output type
 */
public interface OperationHandle<O> {
    /** The Nexus service name. */
    String service();

    /** The Nexus operation name. */
    String operation();

    /** The operation token. */
    String token();

    /** Asks the handler for the operation's state. */
    OperationInfo info();

    /**
     * Returns the result, waiting up to {@code wait} for the operation to finish.
     *
     * @throws nexusrpc.api.handler.OperationStillRunningException if it is still running after the wait
     * @throws OperationException if the operation failed or was canceled
     */
    O result(Duration wait) throws OperationException;

    /** Requests cancellation of the operation. */
    void cancel();
}
