package nexusrpc.handler.security;

/** The four Nexus verbs, as authorization and logs name them. */
public enum OperationVerb {
    /** Starting an operation. */
    START("start"),
    /** Fetching an operation's info. */
    FETCH_INFO("fetchInfo"),
    /** Fetching an operation's result. */
    FETCH_RESULT("fetchResult"),
    /** Cancelling an operation. */
    CANCEL("cancel");

    private final String label;

    OperationVerb(String label) {
        this.label = label;
    }

    /** The verb's name as logs and the MDC show it: {@code start}, {@code fetchInfo}, ... */
    @Override
    public String toString() {
        return label;
    }
}
