package nexusrpc.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nexusrpc.api.Content;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.Serializer;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.handler.ForwardingOperationHandler;
import nexusrpc.handler.JacksonSerializer;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.client.NexusClient;
import nexusrpc.http.NexusHttpServer;
import nexusrpc.spring.NexusHandlerCustomizer;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.core.annotation.Order;

/** Which beans become the {@code NexusHandler} bean, and how. */
class ServiceBeansTest {
    @Test
    void everyServiceImplBeanIsServedAndTheAspectOfTheProxiedOneRunsOncePerCall() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(NexusHandler.class);
            GreeterImpl greeter = context.getBean(GreeterImpl.class);
            // a real Spring proxy: a generated subclass without @ServiceImpl of its own
            assertThat(AopUtils.isCglibProxy(greeter)).isTrue();
            assertThat(greeter.getClass().getName()).contains("$$SpringCGLIB$$");
            assertThat(greeter.getClass().getDeclaredAnnotations()).isEmpty();

            NexusHandler handler = context.getBean(NexusHandler.class);
            assertThat(handler.services()).extracting(ServiceDefinition::name)
                    .containsExactlyInAnyOrder("greeter", "counter");
            NexusClient client = NexusClient.create(handler);
            ServiceClient<Greeter> greeterClient = client.client(Greeter.class);
            CountingAspect aspect = context.getBean(CountingAspect.class);
            for (int call = 1; call <= 3; call++) {
                assertThat(greeterClient.execute(Greeter::greet, "ann")).isEqualTo("hello ann");
                assertThat(aspect.calls("greet")).isEqualTo(call);
            }
            // the package-private bean is reached through a lookup of its own class
            assertThat(client.client(Counter.class).execute(Counter::next, "k")).isEqualTo(1);
            assertThat(client.client(Counter.class).execute(Counter::next, "k")).isEqualTo(2);
        });
    }

    /** Proxied through its interface (proxyTargetClass = false): the class and its @ServiceImpl are hidden. */
    @Configuration(proxyBeanMethods = false)
    @EnableAspectJAutoProxy(proxyTargetClass = false)
    static class InterfaceProxied {
        @Bean
        CountingAspect countingAspect() {
            return new CountingAspect();
        }

        @Bean
        GreeterImpl greeter() {
            return new InterfaceGreeterImpl();
        }
    }

    /** Implements an interface, so Spring proxies it with a JDK dynamic proxy unless told otherwise. */
    public static class InterfaceGreeterImpl extends GreeterImpl implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void aJdkProxyOfAServiceStopsTheStartUpAndSaysWhatToDo() {
        TestApps.runner().withUserConfiguration(InterfaceProxied.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("is a JDK dynamic proxy")
                    .hasMessageContaining("proxyTargetClass = true");
        });
    }

    /** Records the order in which middleware wraps calls. */
    static final List<String> WRAPPED = new CopyOnWriteArrayList<>();

    @Configuration(proxyBeanMethods = false)
    static class WithMiddlewareAndSerializer {
        @Bean
        CounterImpl counter() {
            return new CounterImpl();
        }

        @Bean
        @Order(2)
        Middleware inner() {
            return recording("inner");
        }

        @Bean
        @Order(1)
        Middleware outer() {
            return recording("outer");
        }

        @Bean
        Serializer serializer() {
            return new CountingSerializer();
        }

        @Bean
        NexusHandlerCustomizer stackTraces() {
            return builder -> builder.includeStackTraces(true);
        }

        private static Middleware recording(String name) {
            return (ServiceDefinition service, OperationDefinition<?, ?> op, OperationHandler<Object, Object> next) ->
                    new ForwardingOperationHandler<>(next) {
                        @Override
                        public nexusrpc.api.handler.StartResult<Object> start(
                                nexusrpc.api.handler.OperationContext ctx, nexusrpc.api.handler.StartOptions options,
                                Object input) throws nexusrpc.api.OperationException {
                            WRAPPED.add(name);
                            return super.start(ctx, options, input);
                        }
                    };
        }
    }

    /** The default serializer, counting its use. */
    static final class CountingSerializer implements Serializer {
        private final Serializer json = JacksonSerializer.create();
        int serialized;

        @Override
        public Content serialize(Object value, java.lang.reflect.Type type) {
            serialized++;
            return json.serialize(value, type);
        }

        @Override
        public Object deserialize(Content content, java.lang.reflect.Type type) {
            return json.deserialize(content, type);
        }
    }

    @Test
    void middlewareBeansWrapInTheirOrderAndTheSerializerBeanAndCustomizersApply() {
        WRAPPED.clear();
        TestApps.runner().withUserConfiguration(WithMiddlewareAndSerializer.class).run(context -> {
            NexusHandler handler = context.getBean(NexusHandler.class);
            CountingSerializer serializer = context.getBean(CountingSerializer.class);
            assertThat(handler.serializer()).isSameAs(serializer);
            assertThat(handler.includesStackTraces()).isTrue();

            assertThat(NexusClient.create(handler).client(Counter.class).execute(Counter::next, "k")).isEqualTo(1);
            assertThat(WRAPPED).containsExactly("outer", "inner");
            assertThat(serializer.serialized).isPositive();
        });
    }

    @Test
    void propertiesSetStackTracesAndExcludedKinds() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class)
                .withPropertyValues("nexus.handler.include-stack-traces=true",
                        "nexus.handler.exclude-kinds=nexusrpc.handler.internal.ManualOperationKind")
                .run(context -> assertThat(context.getBean(NexusHandler.class).includesStackTraces()).isTrue());
        // excluding the kind the services use leaves their operations unimplemented: registration says so
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class)
                .withPropertyValues("nexus.handler.exclude-kinds=nexusrpc.handler.internal.SyncOperationKind")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("SyncOperation"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHandler {
        @Bean
        NexusHandler myHandler() {
            return NexusHandler.builder().service(new CounterImpl(), MethodHandles.lookup()).build();
        }

        @Bean
        GreeterImpl greeter() {
            return new GreeterImpl();
        }
    }

    @Test
    void aHandlerBeanOfTheApplicationReplacesTheCollectedOne() {
        TestApps.runner().withUserConfiguration(OwnHandler.class).run(context -> {
            assertThat(context).hasSingleBean(NexusHandler.class).hasBean("myHandler");
            assertThat(context.getBean(NexusHandler.class).services()).extracting(ServiceDefinition::name)
                    .containsExactly("counter");
        });
    }

    @Test
    void noServerWithoutNexusHttpEnabled() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class)
                .run(context -> assertThat(context).doesNotHaveBean(NexusHttpServer.class));
    }
}
