package nexusrpc.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import nexusrpc.handler.Middleware;
import nexusrpc.spring.TemporalNexusWorkerCustomizer;
import nexusrpc.spring.autoconfigure.temporal.TemporalNexusWorkers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import temporal.nexus.TemporalNexusWorker;
import temporal.nexus.WorkflowClientMiddleware;

/** When the Temporal workers are configured, and how (no Temporal server: nothing here polls). */
class TemporalConditionsTest {
    @Test
    void noWorkflowClientBeanNoWorkers() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class)
                .withPropertyValues("nexus.temporal.task-queues=q")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TemporalNexusWorkers.class)
                        .doesNotHaveBean("nexusWorkflowClientMiddleware"));
    }

    @Test
    void withoutTemporalNexusOnTheClassPathNoWorkers() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class, TestApps.UnusedWorkflowClient.class)
                .withClassLoader(new FilteredClassLoader(TemporalNexusWorker.class))
                .withPropertyValues("nexus.temporal.task-queues=q")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TemporalNexusWorkers.class));
    }

    @Test
    void turnedOffByProperty() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class, TestApps.UnusedWorkflowClient.class)
                .withPropertyValues("nexus.temporal.enabled=false", "nexus.temporal.task-queues=q")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TemporalNexusWorkers.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Identity {
        @Bean
        TemporalNexusWorkerCustomizer identity() {
            return (queue, builder) -> builder.identity("spring-" + queue);
        }
    }

    @Test
    void oneWorkerPerTaskQueueWithThePropertiesAndCustomizers() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class, TestApps.UnusedWorkflowClient.class,
                        Identity.class)
                .withPropertyValues("nexus.temporal.task-queues=a,b", "nexus.temporal.pollers=3",
                        "nexus.temporal.max-concurrent-tasks=7", "nexus.temporal.shutdown-timeout=4s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TemporalNexusWorkers workers = context.getBean(TemporalNexusWorkers.class);
                    assertThat(workers.workers()).extracting(w -> w.config().taskQueue()).containsExactly("a", "b");
                    assertThat(workers.workers()).allSatisfy(w -> {
                        assertThat(w.config().pollers()).isEqualTo(3);
                        assertThat(w.config().maxConcurrentTasks()).isEqualTo(7);
                        assertThat(w.config().shutdownTimeout()).isEqualTo(Duration.ofSeconds(4));
                        assertThat(w.config().identity()).isEqualTo("spring-" + w.config().taskQueue());
                    });
                    // HTTP-served workflow operations get the client; workflows default to the first queue
                    assertThat(context.getBean("nexusWorkflowClientMiddleware", Middleware.class))
                            .isInstanceOf(WorkflowClientMiddleware.class);
                });
    }

    @Test
    void withoutATaskQueueThereIsNoWorkerAndNoDefaultForWorkflows() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class, TestApps.UnusedWorkflowClient.class)
                .run(context -> {
                    assertThat(context.getBean(TemporalNexusWorkers.class).workers()).isEmpty();
                    assertThat(context.getBean("nexusWorkflowClientMiddleware", Middleware.class))
                            .isNotInstanceOf(WorkflowClientMiddleware.class);
                });
    }
}
