package jlink.demo.cli;

/** The launcher's exit statuses, documented in the usage text. */
enum Exit {
    /** Everything worked. */
    OK(0),
    /** The call worked, and the operation failed or was canceled. */
    OPERATION_FAILED(1),
    /** The command line is wrong. */
    USAGE(2),
    /** The endpoint answered with a Nexus handler error (bad request, not found...). */
    HANDLER_ERROR(3),
    /** The endpoint could not be reached, or the server could not start. */
    UNREACHABLE(4),
    /** The operation is still running after the allowed wait. */
    STILL_RUNNING(5),
    /** A bug in this program (reported without a stack trace; the message says what happened). */
    INTERNAL(70);

    private final int code;

    Exit(int code) {
        this.code = code;
    }

    /** The process exit status. */
    int code() {
        return code;
    }
}
