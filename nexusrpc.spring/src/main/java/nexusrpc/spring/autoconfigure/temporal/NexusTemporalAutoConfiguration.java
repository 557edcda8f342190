package nexusrpc.spring.autoconfigure.temporal;

import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.spring.NexusTemporalProperties;
import nexusrpc.spring.TemporalNexusWorkerCustomizer;
import nexusrpc.spring.autoconfigure.NexusAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import temporal.nexus.TemporalNexusWorker;
import temporal.nexus.WorkflowClientMiddleware;

/**
 * When the application has {@code temporal.nexus} and one {@link WorkflowClient} bean (Temporal's Spring Boot
 * starter makes it from {@code spring.temporal.*}), serves the {@link NexusHandler} bean from a {@link
 * TemporalNexusWorker} per task queue of {@code nexus.temporal.task-queues}, beside Temporal's own workers: started
 * with the context, drained when it closes. The same client is given to operations served over other transports
 * (HTTP), so a {@code @WorkflowRunOperation} works there too.
 */
@AutoConfiguration(after = NexusAutoConfiguration.class,
        afterName = "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration")
@ConditionalOnClass({TemporalNexusWorker.class, WorkflowClient.class})
@ConditionalOnSingleCandidate(WorkflowClient.class)
@ConditionalOnBean(NexusHandler.class)
@ConditionalOnProperty(prefix = "nexus.temporal", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(NexusTemporalProperties.class)
public class NexusTemporalAutoConfiguration {
    /** Creates the configuration (Spring calls this). */
    public NexusTemporalAutoConfiguration() {}

    /**
     * Gives every operation the {@link WorkflowClient} (the worker gives its own first): the outermost middleware,
     * so the application's middleware sees the client too. Without a task queue to default workflows to (neither
     * {@code nexus.temporal.workflow-task-queue} nor a worker's), it changes nothing.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "nexusWorkflowClientMiddleware")
    public Middleware nexusWorkflowClientMiddleware(WorkflowClient client, NexusTemporalProperties properties) {
        Optional<String> queue = properties.defaultWorkflowTaskQueue();
        if (queue.isEmpty()) {
            return (service, operation, next) -> next;
        }
        return WorkflowClientMiddleware.of(client, queue.get());
    }

    /** One worker per task queue, built and not started (the lifecycle starts them). */
    @Bean
    @ConditionalOnMissingBean
    public TemporalNexusWorkers temporalNexusWorkers(NexusHandler handler, WorkflowClient client,
            NexusTemporalProperties properties, ObjectProvider<TemporalNexusWorkerCustomizer> customizers) {
        List<TemporalNexusWorker> workers = new ArrayList<>();
        for (String queue : properties.taskQueues()) {
            TemporalNexusWorker.Builder builder = TemporalNexusWorker.builder(client, queue)
                    .handler(handler)
                    .pollers(properties.pollers())
                    .maxConcurrentTasks(properties.maxConcurrentTasks())
                    .shutdownTimeout(properties.shutdownTimeout());
            customizers.orderedStream().forEach(c -> c.customize(queue, builder));
            workers.add(builder.build());
        }
        return new TemporalNexusWorkers(workers);
    }

    /** The workers' health, when Spring Boot's health support is present and {@code management.health.nexus.enabled}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("nexus")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "temporalNexusWorkersHealthIndicator")
        TemporalNexusWorkersHealthIndicator temporalNexusWorkersHealthIndicator(TemporalNexusWorkers workers) {
            return new TemporalNexusWorkersHealthIndicator(workers);
        }
    }
}
