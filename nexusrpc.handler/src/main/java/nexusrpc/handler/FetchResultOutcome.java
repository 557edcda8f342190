package nexusrpc.handler;

import nexusrpc.api.Content;

/** What fetchResult produced: the result, "still running", an operation failure or a handler error. */
public sealed interface FetchResultOutcome
        permits FetchResultOutcome.Ready, FetchResultOutcome.StillRunning, OperationFailure, HandlerError {
    /**
     * The operation succeeded.
     *
     * @param result the serialized result
     */
    record Ready(Content result) implements FetchResultOutcome {
        /** Replaces a null result by empty content. */
        public Ready {
            result = result == null ? Content.empty() : result;
        }
    }

    /** The operation did not finish within the wait. */
    record StillRunning() implements FetchResultOutcome {}
}
