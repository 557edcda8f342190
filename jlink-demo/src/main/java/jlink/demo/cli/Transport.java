package jlink.demo.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import nexusrpc.http.ClientTls;
import nexusrpc.http.ServerTls;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.TransportObserver;

/** How the commands serve a handler and reach an endpoint: over HTTP in the launcher, in memory in tests. */
interface Transport {
    /** A running server. */
    interface Server extends AutoCloseable {
        /** The base URL callers use. */
        URI url();

        /** Stops serving; in-flight requests are given a moment to finish. */
        @Override
        void close();
    }

    /**
     * Serves {@code handler} at {@code address} (port 0 picks a free port).
     *
     * @throws IOException if the address cannot be bound
     */
    Server serve(NexusHandler handler, InetSocketAddress address) throws IOException;

    /**
     * Serves {@code handler} with the transport's work reported to {@code observer} (tracing); a transport with
     * nothing to report serves as {@link #serve(NexusHandler, InetSocketAddress)}.
     *
     * @throws IOException if the address cannot be bound
     */
    default Server serve(NexusHandler handler, InetSocketAddress address, TransportObserver observer)
            throws IOException {
        return serve(handler, address);
    }

    /** An endpoint for the Nexus service base URL {@code url}. */
    NexusEndpoint connect(URI url);

    /**
     * Serves over HTTPS with {@code tls}; a transport without TLS refuses.
     *
     * @throws IOException if the address cannot be bound
     */
    default Server serve(NexusHandler handler, InetSocketAddress address, TransportObserver observer, ServerTls tls)
            throws IOException {
        throw new UnsupportedOperationException("this transport serves no TLS");
    }

    /** An endpoint for {@code url} reached over TLS with {@code tls}; a transport without TLS refuses. */
    default NexusEndpoint connect(URI url, ClientTls tls) {
        throw new UnsupportedOperationException("this transport has no TLS");
    }
}
