package nexusrpc.handler.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.CallResult;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.ObservedCall;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.transport.TransportObserver;

/**
 * An endpoint whose every call is reported to a {@link TransportObserver} as one request of one attempt, with the
 * headers the observer adds merged into the request's: the in-memory transport's hook (its "wire" is the request
 * object, so trace context travels in its headers exactly as over HTTP).
 */
final class ObservedEndpoint implements NexusEndpoint {
    private final NexusEndpoint delegate;
    private final TransportObserver observer;
    private final String transport;

    ObservedEndpoint(NexusEndpoint delegate, TransportObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
        this.transport = delegate instanceof NexusHandler ? "memory" : "client";
    }

    @Override
    public StartOutcome start(StartRequest request) {
        return observe(ObservedCall.Kind.START, request.service(), request.operation(), request.requestId(),
                added -> delegate.start(added.isEmpty() ? request
                        : request.toBuilder().headers(merge(request.headers(), added)).build()),
                CallResult::of);
    }

    @Override
    public FetchInfoOutcome fetchInfo(TokenRequest request) {
        return observe(ObservedCall.Kind.FETCH_INFO, request, delegate::fetchInfo, CallResult::of);
    }

    @Override
    public FetchResultOutcome fetchResult(TokenRequest request, Duration wait) {
        return observe(ObservedCall.Kind.FETCH_RESULT, request, r -> delegate.fetchResult(r, wait), CallResult::of);
    }

    @Override
    public CancelOutcome cancel(TokenRequest request) {
        return observe(ObservedCall.Kind.CANCEL, request, delegate::cancel, CallResult::of);
    }

    private <T> T observe(ObservedCall.Kind kind, TokenRequest request, Function<TokenRequest, T> send,
            Function<T, CallResult> result) {
        return observe(kind, request.service(), request.operation(), null,
                added -> send.apply(added.isEmpty() ? request
                        : request.toBuilder().headers(merge(request.headers(), added)).build()),
                result);
    }

    /**
     * Sends one request as one attempt: the observer adds its headers (collected in a map, then merged into the
     * request by {@code send}) and is told the outcome, or that the endpoint threw.
     */
    private <T> T observe(ObservedCall.Kind kind, String service, String operation, String requestId,
            Function<Map<String, String>, T> send, Function<T, CallResult> result) {
        TransportObserver.Outgoing call = observer.outgoing(
                new ObservedCall(transport, kind, service, operation, requestId, null));
        Map<String, String> added = new HashMap<>(4);
        TransportObserver.Attempt attempt = call.attempt(1, added::put);
        T outcome;
        try {
            outcome = send.apply(added);
        } catch (RuntimeException | Error e) {
            CallResult failed = CallResult.transportFailure(HandlerException.ErrorType.INTERNAL, e);
            attempt.end(failed);
            call.end(failed);
            throw e;
        }
        CallResult r = result.apply(outcome);
        attempt.end(r);
        call.end(r);
        return outcome;
    }

    /** The request's headers with the observer's added (the observer's win: they describe this attempt). */
    private static Headers merge(Headers headers, Map<String, String> added) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(added);
        return Headers.of(all);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
