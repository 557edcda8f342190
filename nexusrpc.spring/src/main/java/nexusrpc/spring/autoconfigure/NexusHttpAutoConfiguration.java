package nexusrpc.spring.autoconfigure;

import java.net.InetSocketAddress;
import nexusrpc.handler.NexusHandler;
import nexusrpc.http.NexusHttpServer;
import nexusrpc.spring.NexusHttpProperties;
import nexusrpc.spring.NexusHttpServerCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With {@code nexus.http.enabled=true}, serves the {@link NexusHandler} bean over HTTP: a {@link NexusHttpServer}
 * built from {@code nexus.http.*} and the {@link NexusHttpServerCustomizer} beans, started with the context and
 * drained when it closes. A {@code NexusHttpServer} bean of the application's own (not started) replaces the one
 * built here and is run the same way.
 */
@AutoConfiguration(after = NexusAutoConfiguration.class)
@ConditionalOnProperty(prefix = "nexus.http", name = "enabled", havingValue = "true")
@ConditionalOnBean(NexusHandler.class)
@EnableConfigurationProperties(NexusHttpProperties.class)
public class NexusHttpAutoConfiguration {
    /** Creates the configuration (Spring calls this). */
    public NexusHttpAutoConfiguration() {}

    /**
     * The server, built and not started (the lifecycle bean starts it). It serves the handler without owning it:
     * the handler bean is closed by the context after the server stopped.
     *
     * @throws IllegalArgumentException naming {@code nexus.http.base-path} when the path is not one the server
     *     accepts
     */
    @Bean
    @ConditionalOnMissingBean
    public NexusHttpServer nexusHttpServer(NexusHandler handler, NexusHttpProperties properties,
            ObjectProvider<NexusHttpServerCustomizer> customizers) {
        NexusHttpServer.Builder builder = NexusHttpServer.builder(handler)
                .address(new InetSocketAddress(properties.host(), properties.port()))
                .queueCapacity(properties.queueCapacity())
                .maxBodySize((int) properties.maxBodySize().toBytes())
                .maxLongPollWait(properties.maxLongPollWait())
                .drainTimeout(properties.drainTimeout())
                .backlog(properties.backlog())
                .callbackUrlPolicy(properties.callback().toPolicy());
        try {
            builder.basePath(properties.basePath());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nexus.http.base-path: " + e.getMessage(), e);
        }
        if (properties.threads() != null) {
            builder.threads(properties.threads());
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /** Starts the server with the context and drains it when the context closes. */
    @Bean
    public NexusHttpServerLifecycle nexusHttpServerLifecycle(NexusHttpServer server,
            ConfigurableEnvironment environment) {
        return new NexusHttpServerLifecycle(server, environment);
    }

    /** The server's health, when Spring Boot's health support is present and {@code management.health.nexus.enabled}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("nexus")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "nexusHttpHealthIndicator")
        NexusHttpHealthIndicator nexusHttpHealthIndicator(NexusHttpServerLifecycle lifecycle) {
            return new NexusHttpHealthIndicator(lifecycle);
        }
    }
}
