package nexusrpc.http.testservice;

/**
 * Input of the asynchronous job.
 *
 * @param message the result message
 * @param outcome {@code succeed}, {@code fail}, {@code cancel} or {@code hold} (until cancelled)
 * @param delayMillis when the job finishes
 */
public record JobInput(String message, String outcome, Long delayMillis) {
    /** The delay, zero if not given. */
    public long delay() {
        return delayMillis == null ? 0 : delayMillis;
    }
}
