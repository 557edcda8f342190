package nexusrpc.spring.autoconfigure;

import java.util.Map;
import nexusrpc.http.NexusHttpServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the {@link NexusHttpServer} bean with the application context and stops it gracefully when the context
 * closes: new requests are answered UNAVAILABLE while requests in flight are answered, up to the server's drain
 * timeout. Runs in the phase of Spring Boot's own web server shutdown, so the server starts after the beans it
 * calls are ready and stops before they are destroyed. The bound port is published as property {@value
 * #PORT_PROPERTY}.
 */
public final class NexusHttpServerLifecycle implements SmartLifecycle {
    /** The property that holds the port the server listens on, once started (like {@code local.server.port}). */
    public static final String PORT_PROPERTY = "local.nexus.http.port";
    /** Spring Boot's web server graceful shutdown phase: before the default phase's beans stop, after they start. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final NexusHttpServer server;
    private final ConfigurableEnvironment environment;
    private volatile boolean running;

    NexusHttpServerLifecycle(NexusHttpServer server, ConfigurableEnvironment environment) {
        this.server = server;
        this.environment = environment;
    }

    /** The server this lifecycle runs. */
    public NexusHttpServer server() {
        return server;
    }

    @Override
    public void start() {
        server.start();
        running = true;
        environment.getPropertySources().addFirst(new MapPropertySource("nexus.http.server",
                Map.of(PORT_PROPERTY, server.address().getPort())));
    }

    /** Drains on a thread of its own, so the HTTP server and Temporal workers drain side by side. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        Thread drain = new Thread(() -> {
            try {
                server.close();
            } finally {
                callback.run();
            }
        }, "nexus-http-drain");
        drain.start();
    }

    @Override
    public void stop() {
        running = false;
        server.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
