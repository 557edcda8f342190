package nexusrpc.api;

/** Content could not be converted to or from a Java value; the message says what did not fit. */
public class SerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception. */
    public SerializationException(String message) {
        super(message);
    }
}
