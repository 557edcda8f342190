package nexusrpc.api;

import java.util.Locale;

/** The state of an operation, as reported by fetchInfo and completions. */
public enum OperationState {
    /** Started and not yet finished. */
    RUNNING,
    /** Finished with a result. */
    SUCCEEDED,
    /** Finished with a failure. */
    FAILED,
    /** Finished because it was canceled. */
    CANCELED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name used on the wire: {@code running}, {@code succeeded}, {@code failed}, {@code canceled}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire name, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values if the name is unknown
     */
    public static OperationState fromWireName(String name) {
        if (name != null) {
            for (OperationState s : values()) {
                if (s.wireName.equalsIgnoreCase(name)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown operation state \"" + name + "\": expected running, succeeded, failed or canceled");
    }
}
