package nexusrpc.spring.autoconfigure;

import nexusrpc.http.NexusHttpServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of the Nexus HTTP server: UP while it serves (with the URL callers use), OUT_OF_SERVICE before it
 * started and once the context stopped it.
 */
public final class NexusHttpHealthIndicator implements HealthIndicator {
    private final NexusHttpServerLifecycle lifecycle;

    NexusHttpHealthIndicator(NexusHttpServerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        NexusHttpServer server = lifecycle.server();
        if (!lifecycle.isRunning()) {
            return Health.outOfService().withDetail("server", server.toString()).build();
        }
        return Health.up().withDetail("baseUri", server.baseUri().toString())
                .withDetail("threads", server.config().threads()).build();
    }
}
