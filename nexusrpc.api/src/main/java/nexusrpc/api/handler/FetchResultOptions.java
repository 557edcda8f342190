package nexusrpc.api.handler;

import java.time.Duration;

/**
 * Options of a fetchResult request.
 *
 * @param timeout how long the handler may wait for the result before answering "still running" ({@link
 *     Duration#ZERO}: answer at once)
 */
public record FetchResultOptions(Duration timeout) {
    /** Replaces a null or negative timeout by zero. */
    public FetchResultOptions {
        timeout = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
    }
}
