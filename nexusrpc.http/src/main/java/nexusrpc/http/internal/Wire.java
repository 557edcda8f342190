package nexusrpc.http.internal;

import nexusrpc.api.HandlerException.ErrorType;

/** Header names, query parameters and status codes of the Nexus HTTP protocol, in one place. */
public final class Wire {
    /** The idempotency key of a start request. */
    public static final String REQUEST_ID = "nexus-request-id";
    /** The operation token of fetchInfo, fetchResult, cancel and completions. */
    public static final String OPERATION_TOKEN = "nexus-operation-token";
    /** Deprecated name of the token, still sent by older peers. */
    public static final String OPERATION_ID = "nexus-operation-id";
    /** The state of a finished operation in responses and completions. */
    public static final String OPERATION_STATE = "nexus-operation-state";
    /** Links, RFC 8288 syntax. */
    public static final String LINK = "nexus-link";
    /** The prefix of headers to attach to the completion callback. */
    public static final String CALLBACK_PREFIX = "nexus-callback-";
    /** The prefix of content headers. */
    public static final String CONTENT_PREFIX = "content-";
    /** How long the caller waits for this request. */
    public static final String REQUEST_TIMEOUT = "request-timeout";
    /** How long the whole operation may take. */
    public static final String OPERATION_TIMEOUT = "operation-timeout";
    /** Deprecated explicit retry header. */
    public static final String RETRYABLE = "nexus-request-retryable";
    /** Completion header: when the operation started (HTTP date). */
    public static final String START_TIME = "nexus-operation-start-time";
    /** Completion header: when the operation closed (RFC 3339). */
    public static final String CLOSE_TIME = "nexus-operation-close-time";
    /** The callback query parameter of a start. */
    public static final String QUERY_CALLBACK = "callback";
    /** The token query parameter. */
    public static final String QUERY_TOKEN = "token";
    /** The long-poll wait query parameter of fetchResult. */
    public static final String QUERY_WAIT = "wait";
    /** The JSON media type. */
    public static final String JSON = "application/json";
    /** Failure metadata type of handler errors. */
    public static final String HANDLER_ERROR_TYPE = "nexus.HandlerError";
    /** Failure metadata type of failed or canceled operations. */
    public static final String OPERATION_ERROR_TYPE = "nexus.OperationError";

    /** Operation still running (fetchResult). */
    public static final int STATUS_STILL_RUNNING = 412;
    /** Operation failed or canceled. */
    public static final int STATUS_OPERATION_FAILED = 424;
    /** Body over the size limit. */
    public static final int STATUS_TOO_LARGE = 413;
    /** Upstream timeout, Nexus-specific. */
    public static final int STATUS_UPSTREAM_TIMEOUT = 520;

    private Wire() {}

    /** The HTTP status of a handler error type. */
    public static int status(ErrorType type) {
        switch (type) {
            case BAD_REQUEST:
                return 400;
            case UNAUTHENTICATED:
                return 401;
            case UNAUTHORIZED:
                return 403;
            case NOT_FOUND:
                return 404;
            case REQUEST_TIMEOUT:
                return 408;
            case CONFLICT:
                return 409;
            case RESOURCE_EXHAUSTED:
                return 429;
            case NOT_IMPLEMENTED:
                return 501;
            case UNAVAILABLE:
                return 503;
            case UPSTREAM_TIMEOUT:
                return STATUS_UPSTREAM_TIMEOUT;
            case INTERNAL:
            case UNKNOWN:
            default:
                return 500;
        }
    }

    /** The handler error type of an HTTP status, or {@code null} if the status has none. */
    public static ErrorType typeOf(int status) {
        switch (status) {
            case 400:
                return ErrorType.BAD_REQUEST;
            case 401:
                return ErrorType.UNAUTHENTICATED;
            case 403:
                return ErrorType.UNAUTHORIZED;
            case 404:
                return ErrorType.NOT_FOUND;
            case 408:
                return ErrorType.REQUEST_TIMEOUT;
            case 409:
                return ErrorType.CONFLICT;
            case 429:
                return ErrorType.RESOURCE_EXHAUSTED;
            case 500:
                return ErrorType.INTERNAL;
            case 501:
                return ErrorType.NOT_IMPLEMENTED;
            case 503:
                return ErrorType.UNAVAILABLE;
            case STATUS_UPSTREAM_TIMEOUT:
                return ErrorType.UPSTREAM_TIMEOUT;
            default:
                return null;
        }
    }
}
