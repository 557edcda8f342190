package nexusrpc.spring;

import nexusrpc.http.NexusHttpServer;

/**
 * Adjusts the {@link NexusHttpServer} the auto-configuration builds, after the {@code nexus.http.*} properties
 * were applied: the place for what properties cannot say, such as an authentication {@code filter(...)}, an
 * executor of your own or a {@code completionDelivery(...)}. Customizer beans run in their {@code @Order}.
 */
@FunctionalInterface
public interface NexusHttpServerCustomizer {
    /** Changes the builder; the auto-configuration builds (without starting) the server afterwards. */
    void customize(NexusHttpServer.Builder builder);
}
