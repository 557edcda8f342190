package nexusrpc.spring.tests;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import nexusrpc.spring.autoconfigure.NexusAutoConfiguration;
import nexusrpc.spring.autoconfigure.NexusHttpAutoConfiguration;
import nexusrpc.spring.autoconfigure.temporal.NexusTemporalAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;

/** Application configurations the tests start, and the runner with this module's auto-configurations. */
final class TestApps {
    private TestApps() {}

    /** A runner with this module's auto-configurations, as the imports file lists them. */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NexusAutoConfiguration.class,
                NexusHttpAutoConfiguration.class, NexusTemporalAutoConfiguration.class));
    }

    /** A WorkflowClient bean for no server (port 1 refuses at once): enough to build workers, whose polls fail. */
    @Configuration(proxyBeanMethods = false)
    static class UnusedWorkflowClient {
        @Bean(destroyMethod = "shutdownNow")
        WorkflowServiceStubs stubs() {
            return WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
        }

        @Bean
        WorkflowClient workflowClient(WorkflowServiceStubs stubs) {
            return WorkflowClient.newInstance(stubs);
        }
    }

    /** Two services: one proxied by class (CGLIB) because an aspect advises it, one package-private. */
    @Configuration(proxyBeanMethods = false)
    @EnableAspectJAutoProxy(proxyTargetClass = true)
    static class TwoServices {
        @Bean
        CountingAspect countingAspect() {
            return new CountingAspect();
        }

        @Bean
        GreeterImpl greeter() {
            return new GreeterImpl();
        }

        @Bean
        CounterImpl counter() {
            return new CounterImpl();
        }
    }
}
