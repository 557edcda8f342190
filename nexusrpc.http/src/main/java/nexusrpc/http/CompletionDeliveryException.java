package nexusrpc.http;

/**
 * A completion could not be delivered to its callback URL: the URL was refused by the {@link CallbackUrlPolicy},
 * the receiver answered a non-retryable status, or retries ran out. The {@link CompletionSender} logs it and
 * completes the delivery's future with it.
 */
public class CompletionDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final int lastStatus;

    /**
     * Creates the exception.
     *
     * @param attempts how many requests were sent
     * @param lastStatus the last HTTP status received, or -1 if none
     */
    public CompletionDeliveryException(String message, int attempts, int lastStatus, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
        this.lastStatus = lastStatus;
    }

    /** How many requests were sent. */
    public int attempts() {
        return attempts;
    }

    /** The last HTTP status received, or -1 if no response arrived. */
    public int lastStatus() {
        return lastStatus;
    }
}
