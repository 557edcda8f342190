package nexusrpc.spring.autoconfigure;

import java.util.Map;
import nexusrpc.http.NexusHttpServer;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the {@link NexusHttpServer} bean with the application context and stops it gracefully when the context
 * closes: new requests are answered UNAVAILABLE while requests in flight are answered, up to the server's drain
 * timeout. The bound port is published as property {@value #PORT_PROPERTY}.
 */
public final class NexusHttpServerLifecycle extends DrainingLifecycle {
    /** The property that holds the port the server listens on, once started (like {@code local.server.port}). */
    public static final String PORT_PROPERTY = "local.nexus.http.port";

    private final NexusHttpServer server;
    private final ConfigurableEnvironment environment;

    NexusHttpServerLifecycle(NexusHttpServer server, ConfigurableEnvironment environment) {
        super("nexus-http-drain");
        this.server = server;
        this.environment = environment;
    }

    /** The server this lifecycle runs. */
    public NexusHttpServer server() {
        return server;
    }

    @Override
    protected void startServing() {
        server.start();
        environment.getPropertySources().addFirst(new MapPropertySource("nexus.http.server",
                Map.of(PORT_PROPERTY, server.address().getPort())));
    }

    @Override
    protected void drain() {
        server.close();
    }
}
