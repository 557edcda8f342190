package jlink.demo.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.http.CompletionSender;

/**
 * Serves handlers in memory: {@code connect} returns an endpoint over the {@link NexusHandler} itself. The requests
 * take the same path through the dispatcher as over HTTP, minus the wire. Like the HTTP server, it supplies a
 * completion delivery to every start (a {@link CompletionSender} of its own), so asynchronous operations reach the
 * caller's callback URL whatever carried the start.
 */
final class InProcessTransport implements Transport {
    private final Map<URI, NexusEndpoint> served = new ConcurrentHashMap<>();

    @Override
    public Server serve(NexusHandler handler, InetSocketAddress address) {
        URI url = URI.create("http://in-process-" + served.size() + ".invalid/");
        CompletionSender sender = CompletionSender.create();
        served.put(url, new Delivering(handler, sender));
        return new Server() {
            @Override
            public URI url() {
                return url;
            }

            @Override
            public void close() {
                served.remove(url);
                sender.close();
            }
        };
    }

    @Override
    public NexusEndpoint connect(URI url) {
        NexusEndpoint endpoint = served.get(url);
        if (endpoint == null) {
            throw new IllegalArgumentException("nothing is served in this process at " + url);
        }
        return endpoint;
    }

    /** The handler, with this transport's completion delivery added to each start. */
    private static final class Delivering implements NexusEndpoint {
        private final NexusHandler handler;
        private final CompletionSender sender;

        Delivering(NexusHandler handler, CompletionSender sender) {
            this.handler = handler;
            this.sender = sender;
        }

        @Override
        public StartOutcome start(StartRequest request) {
            return handler.start(request.toBuilder().completionDelivery(sender).build());
        }

        @Override
        public FetchInfoOutcome fetchInfo(TokenRequest request) {
            return handler.fetchInfo(request);
        }

        @Override
        public FetchResultOutcome fetchResult(TokenRequest request, Duration wait) {
            return handler.fetchResult(request, wait);
        }

        @Override
        public CancelOutcome cancel(TokenRequest request) {
            return handler.cancel(request);
        }
    }
}
