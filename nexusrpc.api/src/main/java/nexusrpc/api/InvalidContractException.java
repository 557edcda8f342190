package nexusrpc.api;

import java.util.List;

/**
 * Thrown when a service contract or a service implementation does not fit the rules; lists every problem found,
 * each saying what to change.
 */
public class InvalidContractException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The problems, one sentence each. */
    private final transient List<String> problems;

    /**
     * Creates the exception.
     *
     * @param subject what was checked (a class name)
     * @param problems every problem found, at least one
     */
    public InvalidContractException(String subject, List<String> problems) {
        super(format(subject, problems));
        this.problems = List.copyOf(problems);
    }

    private static String format(String subject, List<String> problems) {
        StringBuilder sb = new StringBuilder()
                .append(subject)
                .append(": ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
