package nexusrpc.api.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nexusrpc.api.Api;
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

    /**
     * The serializer the handler serves this call with (the one that decoded the input and will encode the result),
     * for handlers and operation kinds that store or send values themselves. Empty only for contexts made outside
     * an engine, e.g. in a unit test.
     */
    default Optional<nexusrpc.api.Serializer> serializer() {
        return Optional.empty();
    }

    /**
     * For a start whose caller gave a callback URL, served by a transport that can reach it: the way to deliver
     * the operation's completion when it finishes later. An asynchronous handler keeps it with its token and calls
     * it once. Empty for the other verbs, for starts without a callback, and on transports that cannot deliver
     * (the caller then learns the outcome with fetchResult).
     */
    @Api.Incubating
    default Optional<CompletionCallback> completionCallback() {
        return Optional.empty();
    }

    /**
     * The authenticated caller of this request, as the handler's caller authentication established it. Empty when
     * no authentication is configured, for an anonymous caller, and for contexts made outside an engine.
     */
    @Api.Incubating
    default Optional<CallerPrincipal> caller() {
        return Optional.empty();
    }
}
