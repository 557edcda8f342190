package nexusrpc.api.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nexusrpc.api.Headers;

/**
 * What a handler knows about the request it is serving: names, headers, deadline, cancellation, and
 * transport-specific extensions (e.g. the Temporal client, see {@link #extension(Class)}).
 */
public interface OperationContext {
    /** The Nexus service name. */
    String service();

    /** The Nexus operation name. */
    String operation();

    /** The request headers (case-insensitive). */
    Headers headers();

    /** When the caller stops waiting for this request, if it said so. */
    Optional<Instant> deadline();

    /** Time left until the deadline (never negative), if there is one. */
    default Optional<Duration> timeRemaining() {
        return deadline().map(d -> {
            Duration left = Duration.between(Instant.now(), d);
            return left.isNegative() ? Duration.ZERO : left;
        });
    }

    /** Cancellation of this call: set when the deadline passes or the transport gives up. */
    Cancellation cancellation();

    /**
     * A transport- or middleware-provided object of the given type, e.g. a Temporal {@code WorkflowClient} when
     * served by a Temporal worker.
     */
    <T> Optional<T> extension(Class<T> type);
}
