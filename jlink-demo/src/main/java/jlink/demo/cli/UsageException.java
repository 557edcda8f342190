package jlink.demo.cli;

/** The command line is wrong; the message says what to type instead. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
