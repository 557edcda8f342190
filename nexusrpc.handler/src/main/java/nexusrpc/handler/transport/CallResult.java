package nexusrpc.handler.transport;

import java.util.Objects;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.OperationState;

/**
 * How a request or one attempt of it ended, as a {@link TransportObserver} sees it: made from the outcome with
 * {@link #of(StartOutcome)} and its overloads (through the outcome visitors), or for what has no outcome (a
 * completion delivery) with {@link #ok(int)}, {@link #handlerError} and {@link #transportFailure}.
 *
 * @param outcome what kind of answer it was
 * @param errorType for {@link Outcome#HANDLER_ERROR}, the error's type; else {@code null}
 * @param status the answer in the transport's terms (the HTTP status code), or 0 when there is none
 * @param message the failure's message as the caller sees it (the engine hides unexpected errors' messages), or
 *     {@code null}
 * @param error the exception the transport itself met (connection refused, timeout), or {@code null}
 * @param retrying whether another attempt follows this one
 */
public record CallResult(Outcome outcome, ErrorType errorType, int status, String message, Throwable error,
        boolean retrying) {
    private static final Classifier CLASSIFIER = new Classifier();

    /** Checks the outcome. */
    public CallResult {
        Objects.requireNonNull(outcome, "outcome");
    }

    /** What kind of answer a request got. */
    public enum Outcome {
        /** A start that finished at once, with its result. */
        SYNC("sync"),
        /** A start of an operation that goes on. */
        ASYNC("async"),
        /** Any other successful answer: info, a ready result, an accepted cancel, a delivered completion. */
        OK("ok"),
        /** A long poll that ended while the operation still runs. */
        STILL_RUNNING("still_running"),
        /** The operation failed. */
        FAILED("failed"),
        /** The operation was canceled. */
        CANCELED("canceled"),
        /** The request failed (not the operation): see {@link CallResult#errorType()}. */
        HANDLER_ERROR("handler_error");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** The name used in telemetry: {@code sync}, {@code handler_error}... */
        public String label() {
            return label;
        }
    }

    /** A start's outcome. */
    public static CallResult of(StartOutcome outcome) {
        return outcome.accept((StartOutcome.Visitor<CallResult>) CLASSIFIER);
    }

    /** A fetchInfo's outcome. */
    public static CallResult of(FetchInfoOutcome outcome) {
        return outcome.accept((FetchInfoOutcome.Visitor<CallResult>) CLASSIFIER);
    }

    /** A fetchResult's outcome. */
    public static CallResult of(FetchResultOutcome outcome) {
        return outcome.accept((FetchResultOutcome.Visitor<CallResult>) CLASSIFIER);
    }

    /** A cancel's outcome. */
    public static CallResult of(CancelOutcome outcome) {
        return outcome.accept((CancelOutcome.Visitor<CallResult>) CLASSIFIER);
    }

    /** A successful answer with no outcome of its own (a delivered completion). */
    public static CallResult ok(int status) {
        return new CallResult(Outcome.OK, null, status, null, null, false);
    }

    /** A refusal in the transport's terms, e.g. a completion receiver's 503. */
    public static CallResult handlerError(ErrorType type, int status, String message) {
        return new CallResult(Outcome.HANDLER_ERROR, Objects.requireNonNull(type, "type"), status, message, null,
                false);
    }

    /** A request that got no answer: {@code error} is what the transport met. */
    public static CallResult transportFailure(ErrorType type, Throwable error) {
        return new CallResult(Outcome.HANDLER_ERROR, Objects.requireNonNull(type, "type"), 0,
                error == null ? null : error.getMessage(), error, false);
    }

    /** This result with the transport's status. */
    public CallResult withStatus(int newStatus) {
        return new CallResult(outcome, errorType, newStatus, message, error, retrying);
    }

    /** This result, saying whether another attempt follows. */
    public CallResult withRetrying(boolean willRetry) {
        return willRetry == retrying ? this : new CallResult(outcome, errorType, status, message, error, willRetry);
    }

    /** Whether the request failed or the operation did not succeed. */
    public boolean isError() {
        return outcome == Outcome.HANDLER_ERROR || outcome == Outcome.FAILED || outcome == Outcome.CANCELED;
    }

    /** Classifies every variant of the four outcome types. */
    private static final class Classifier implements StartOutcome.Visitor<CallResult>,
            FetchInfoOutcome.Visitor<CallResult>, FetchResultOutcome.Visitor<CallResult>,
            CancelOutcome.Visitor<CallResult> {
        private static final CallResult SYNC = new CallResult(Outcome.SYNC, null, 0, null, null, false);
        private static final CallResult ASYNC = new CallResult(Outcome.ASYNC, null, 0, null, null, false);
        private static final CallResult OK = new CallResult(Outcome.OK, null, 0, null, null, false);
        private static final CallResult STILL_RUNNING =
                new CallResult(Outcome.STILL_RUNNING, null, 0, null, null, false);

        @Override
        public CallResult sync(StartOutcome.Sync sync) {
            return SYNC;
        }

        @Override
        public CallResult async(StartOutcome.Async async) {
            return ASYNC;
        }

        @Override
        public CallResult info(FetchInfoOutcome.Info info) {
            return OK;
        }

        @Override
        public CallResult ready(FetchResultOutcome.Ready ready) {
            return OK;
        }

        @Override
        public CallResult stillRunning(FetchResultOutcome.StillRunning stillRunning) {
            return STILL_RUNNING;
        }

        @Override
        public CallResult accepted(CancelOutcome.Accepted accepted) {
            return OK;
        }

        @Override
        public CallResult operationFailure(OperationFailure failure) {
            return new CallResult(failure.state() == OperationState.CANCELED ? Outcome.CANCELED : Outcome.FAILED,
                    null, 0, failure.failure().message(), null, false);
        }

        @Override
        public CallResult handlerError(HandlerError error) {
            return new CallResult(Outcome.HANDLER_ERROR, error.type(), 0, error.failure().message(), null, false);
        }

        @Override
        public CallResult deadlineExceeded(DeadlineExceeded deadline) {
            return handlerError(deadline.asHandlerError());
        }
    }
}
