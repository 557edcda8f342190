package jlink.demo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.http.ClientTls;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import nexusrpc.http.ServerTls;

/** The SDK's HTTP transport: {@link NexusHttpServer} to serve, {@link NexusHttpClient} to call. */
final class HttpTransport implements Transport {
    @Override
    public Server serve(NexusHandler handler, InetSocketAddress address) throws IOException {
        return serve(handler, address, TransportObserver.NONE);
    }

    @Override
    public Server serve(NexusHandler handler, InetSocketAddress address, TransportObserver observer)
            throws IOException {
        return serve(NexusHttpServer.builder(handler).address(address).observer(observer));
    }

    @Override
    public Server serve(NexusHandler handler, InetSocketAddress address, TransportObserver observer, ServerTls tls)
            throws IOException {
        return serve(NexusHttpServer.builder(handler).address(address).observer(observer).tls(tls));
    }

    private static Server serve(NexusHttpServer.Builder builder) throws IOException {
        NexusHttpServer server;
        try {
            server = builder.start();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Server() {
            @Override
            public URI url() {
                return server.baseUri();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    @Override
    public NexusEndpoint connect(URI url) {
        return NexusHttpClient.create(url);
    }

    @Override
    public NexusEndpoint connect(URI url, ClientTls tls) {
        return NexusHttpClient.builder(url).tls(tls).build();
    }
}
