package nexusrpc.handler;

import java.time.Duration;

/**
 * Anything that answers the four Nexus verbs with transport-neutral requests and outcomes: the local {@link
 * NexusHandler}, or a remote endpoint reached through a client transport (HTTP). Typed clients are built over
 * it, so the same client code calls a local handler (in tests) or a remote one.
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
}
