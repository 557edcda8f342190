package nexusrpc.handler.transport;

import java.util.Objects;
import nexusrpc.api.OperationInfo;

/**
 * What fetchInfo produced: the info, a handler error (or, from some handlers, an operation failure), or the
 * deadline passing first. Handled with {@link #accept(Visitor)}, which the compiler checks for every variant.
 */
public sealed interface FetchInfoOutcome
        permits FetchInfoOutcome.Info, OperationFailure, HandlerError, DeadlineExceeded {
    /** Calls the visitor's method for this variant. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per variant of {@link FetchInfoOutcome}.
     *
     * @param <R> what the transport makes of an outcome
     */
    interface Visitor<R> {
        /** The operation's info. */
        R info(Info info);

        /** The handler reported the operation's end as a failure. */
        R operationFailure(OperationFailure failure);

        /** The request failed. */
        R handlerError(HandlerError error);

        /** The request's deadline passed first. */
        R deadlineExceeded(DeadlineExceeded deadline);
    }

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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.info(this);
        }
    }
}
