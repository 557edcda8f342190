package nexusrpc.handler.testing;

import java.util.Objects;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.client.NexusClient;
import nexusrpc.handler.transport.TransportPeer;

/**
 * Unit-tests service implementations through the real dispatcher, without a server: inputs and results go
 * through the same serializer, validation, middleware and error mapping as over HTTP or Temporal.
 *
 * <pre>{@code
 * var harness = NexusTestHarness.of(new MyServiceImpl());
 * var out = harness.client(MyService.class).execute(MyService::echo, new EchoInput("hi"));
 * }</pre>
 *
 * <p>Closing the harness closes the handler it built (a harness over your own handler leaves it open), so the
 * threads and tables that operation kinds opened go away with the test.
 */
public final class NexusTestHarness implements AutoCloseable {
    private final NexusHandler handler;
    private final NexusClient client;
    private final boolean owned;

    private NexusTestHarness(NexusHandler handler, boolean owned) {
        this.handler = handler;
        this.owned = owned;
        this.client = NexusClient.create(handler, handler.serializer());
    }

    /**
     * A harness serving the given implementations with the default configuration.
     *
     * @throws nexusrpc.api.InvalidContractException if an implementation does not fit its contract
     */
    public static NexusTestHarness of(Object... serviceImplementations) {
        NexusHandler.Builder b = NexusHandler.builder();
        for (Object impl : serviceImplementations) {
            b.service(impl);
        }
        return new NexusTestHarness(b.build(), true);
    }

    /** A harness over a handler you configured yourself (middleware, serializer, kinds). */
    public static NexusTestHarness of(NexusHandler handler) {
        return new NexusTestHarness(Objects.requireNonNull(handler, "handler"), false);
    }

    /** A typed client for a contract served by this harness. */
    public <S> ServiceClient<S> client(Class<S> contract) {
        return client.client(contract);
    }

    /** An untyped client (operations by name). */
    public NexusClient untypedClient() {
        return client;
    }

    /**
     * An untyped client whose calls reach the handler as if a transport had seen them come from {@code peer}
     * (an address, a verified client certificate chain, transport attributes): for testing caller authentication
     * (see {@link nexusrpc.handler.NexusHandler.Builder#authenticator}). Headers such as {@code Authorization}
     * are given per call with {@code CallOptions}.
     */
    public NexusClient untypedClient(TransportPeer peer) {
        return NexusClient.create(new PeerEndpoint(handler, Objects.requireNonNull(peer, "peer")),
                handler.serializer());
    }

    /** A typed client whose calls come from {@code peer}, see {@link #untypedClient(TransportPeer)}. */
    public <S> ServiceClient<S> client(Class<S> contract, TransportPeer peer) {
        return untypedClient(peer).client(contract);
    }

    /** The handler under test, for calls with hand-made requests. */
    public NexusHandler handler() {
        return handler;
    }

    /** Closes the handler if this harness built it. */
    @Override
    public void close() {
        if (owned) {
            handler.close();
        }
    }
}
