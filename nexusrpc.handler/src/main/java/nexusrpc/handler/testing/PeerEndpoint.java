package nexusrpc.handler.testing;

import java.time.Duration;
import java.util.function.Consumer;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.transport.TransportPeer;

/** An endpoint whose requests appear to come from one peer, as a transport would have set it. */
final class PeerEndpoint implements NexusEndpoint {
    private final NexusEndpoint delegate;
    private final TransportPeer peer;

    PeerEndpoint(NexusEndpoint delegate, TransportPeer peer) {
        this.delegate = delegate;
        this.peer = peer;
    }

    private StartRequest as(StartRequest r) {
        return r.toBuilder().peer(peer).build();
    }

    private TokenRequest as(TokenRequest r) {
        return r.toBuilder().peer(peer).build();
    }

    @Override
    public StartOutcome start(StartRequest request) {
        return delegate.start(as(request));
    }

    @Override
    public FetchInfoOutcome fetchInfo(TokenRequest request) {
        return delegate.fetchInfo(as(request));
    }

    @Override
    public FetchResultOutcome fetchResult(TokenRequest request, Duration wait) {
        return delegate.fetchResult(as(request), wait);
    }

    @Override
    public CancelOutcome cancel(TokenRequest request) {
        return delegate.cancel(as(request));
    }

    @Override
    public void start(StartRequest request, Consumer<? super StartOutcome> reply) {
        delegate.start(as(request), reply);
    }

    @Override
    public void fetchInfo(TokenRequest request, Consumer<? super FetchInfoOutcome> reply) {
        delegate.fetchInfo(as(request), reply);
    }

    @Override
    public void fetchResult(TokenRequest request, Duration wait, Consumer<? super FetchResultOutcome> reply) {
        delegate.fetchResult(as(request), wait, reply);
    }

    @Override
    public void cancel(TokenRequest request, Consumer<? super CancelOutcome> reply) {
        delegate.cancel(as(request), reply);
    }
}
