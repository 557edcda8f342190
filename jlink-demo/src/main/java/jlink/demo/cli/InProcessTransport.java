package jlink.demo.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.NexusHandler;

/**
 * Serves handlers in memory: {@code connect} returns the {@link NexusHandler} itself, which is an endpoint. The
 * requests take the same path through the dispatcher as over HTTP, minus the wire.
 */
final class InProcessTransport implements Transport {
    private final Map<URI, NexusHandler> served = new ConcurrentHashMap<>();

    @Override
    public Server serve(NexusHandler handler, InetSocketAddress address) {
        URI url = URI.create("http://in-process-" + served.size() + ".invalid/");
        served.put(url, handler);
        return new Server() {
            @Override
            public URI url() {
                return url;
            }

            @Override
            public void close() {
                served.remove(url);
            }
        };
    }

    @Override
    public NexusEndpoint connect(URI url) {
        NexusHandler handler = served.get(url);
        if (handler == null) {
            throw new IllegalArgumentException("nothing is served in this process at " + url);
        }
        return handler;
    }
}
