package nexusrpc.handler;

import java.util.Objects;
import nexusrpc.api.OperationInfo;

/** What fetchInfo produced: the info or a handler error (or, from some handlers, an operation failure). */
public sealed interface FetchInfoOutcome permits FetchInfoOutcome.Info, OperationFailure, HandlerError {
    /**
     * The operation's info.
     *
     * @param info the token and state
     */
    record Info(OperationInfo info) implements FetchInfoOutcome {
        /** Checks that the info is present. */
        public Info {
            Objects.requireNonNull(info, "info");
        }
    }
}
