package nexusrpc.spring.tests;

import nexusrpc.spring.autoconfigure.NexusAutoConfiguration;
import nexusrpc.spring.autoconfigure.NexusHttpAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;

/** Application configurations the tests start, and the runner with this module's auto-configurations. */
final class TestApps {
    private TestApps() {}

    /** A runner with the handler and HTTP auto-configurations, as the imports file lists them. */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(
                AutoConfigurations.of(NexusAutoConfiguration.class, NexusHttpAutoConfiguration.class));
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
