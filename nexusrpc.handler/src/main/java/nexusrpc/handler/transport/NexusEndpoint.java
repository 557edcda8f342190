package nexusrpc.handler.transport;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Anything that answers the four Nexus verbs with transport-neutral requests and outcomes: the local {@code
 * NexusHandler}, or a remote endpoint reached through a client transport (HTTP). Typed clients are built over it,
 * so the same client code calls a local handler (in tests) or a remote one.
 *
 * <p>Each verb comes in two forms. The blocking form returns the outcome. The answering form hands the outcome to
 * {@code reply} exactly once, possibly from another thread and before the handler returns: the engine answers
 * {@link DeadlineExceeded} at the deadline even while a handler that ignores cancellation still runs, which is how
 * a server transport answers its caller on time without a timer of its own. The defaults call the blocking form.
 *
 * <p>Implementations never throw for Nexus-level failures: they return {@link HandlerError} or {@link
 * OperationFailure}. Thread-safe.
 */
public interface NexusEndpoint {
    /** Starts an operation. */
    StartOutcome start(StartRequest request);

    /** Reports an operation's state. */
    FetchInfoOutcome fetchInfo(TokenRequest request);

    /** Returns an operation's result, waiting up to {@code wait} while it runs. */
    FetchResultOutcome fetchResult(TokenRequest request, Duration wait);

    /** Requests cancellation of an operation. */
    CancelOutcome cancel(TokenRequest request);

    /** Starts an operation and hands the outcome to {@code reply}, once. */
    default void start(StartRequest request, Consumer<? super StartOutcome> reply) {
        reply.accept(start(request));
    }

    /** Reports an operation's state to {@code reply}, once. */
    default void fetchInfo(TokenRequest request, Consumer<? super FetchInfoOutcome> reply) {
        reply.accept(fetchInfo(request));
    }

    /**
     * Hands an operation's result to {@code reply}, once, waiting up to {@code wait} while it runs: an endpoint
     * that arms deadlines answers {@link FetchResultOutcome.StillRunning} when the wait is over even if the
     * handler has not returned.
     */
    default void fetchResult(TokenRequest request, Duration wait, Consumer<? super FetchResultOutcome> reply) {
        reply.accept(fetchResult(request, wait));
    }

    /** Requests cancellation of an operation and hands the outcome to {@code reply}, once. */
    default void cancel(TokenRequest request, Consumer<? super CancelOutcome> reply) {
        reply.accept(cancel(request));
    }
}
