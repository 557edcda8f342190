package nexusrpc.api;

import java.util.Objects;

/**
 * What fetchInfo reports about an asynchronous operation.
 *
 * @param token the operation token
 * @param state the current state
 */
public record OperationInfo(String token, OperationState state) {
    /** Checks that both parts are present. */
    public OperationInfo {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(state, "state");
    }
}
