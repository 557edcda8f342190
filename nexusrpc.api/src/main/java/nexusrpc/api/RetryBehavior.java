package nexusrpc.api;

/** Whether a caller should retry a request that failed with a {@link HandlerException}. */
public enum RetryBehavior {
    /** Decided by the error type's default (see {@link HandlerException.ErrorType#retryableByDefault()}). */
    UNSPECIFIED,
    /** Retry, whatever the type. */
    RETRYABLE,
    /** Do not retry, whatever the type. */
    NON_RETRYABLE
}
