package nexusrpc.spring.autoconfigure;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nexusrpc.api.Serializer;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.spring.NexusHandlerCustomizer;
import nexusrpc.spring.NexusHandlerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Collects every bean annotated {@code @ServiceImpl} (on its class or a superclass: an AOP proxy of a service is a
 * generated subclass) into one {@link NexusHandler} bean. Operation kinds are still found with ServiceLoader;
 * {@link Middleware} beans are applied in their {@code @Order} (the first is the outermost), a {@link Serializer}
 * bean replaces the default JSON one, and {@link NexusHandlerCustomizer} beans run last. A {@code NexusHandler}
 * bean of the application's own replaces this one. The handler is closed with the context.
 */
@AutoConfiguration
@EnableConfigurationProperties(NexusHandlerProperties.class)
public class NexusAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(NexusAutoConfiguration.class);
    /** Spring's prefix for the target bean behind a scoped proxy: the proxy is the bean to serve, not both. */
    private static final String SCOPED_TARGET_PREFIX = "scopedTarget.";

    /** Creates the configuration (Spring calls this). */
    public NexusAutoConfiguration() {}

    /**
     * The handler of every {@code @ServiceImpl} bean.
     *
     * @throws nexusrpc.api.InvalidContractException listing every problem of every service, which stops the
     *     start-up
     */
    @Bean
    @ConditionalOnMissingBean
    public NexusHandler nexusHandler(ListableBeanFactory beans, NexusHandlerProperties properties,
            ObjectProvider<Middleware> middleware, ObjectProvider<Serializer> serializer,
            ObjectProvider<NexusHandlerCustomizer> customizers) {
        NexusHandler.Builder builder = NexusHandler.builder().includeStackTraces(properties.includeStackTraces());
        properties.excludeKinds().forEach(builder::excludeKind);
        List<String> names = serviceBeanNames(beans);
        for (String name : names) {
            register(builder, beans.getBean(name));
        }
        middleware.orderedStream().forEach(builder::middleware);
        serializer.ifAvailable(builder::serializer);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        NexusHandler handler = builder.build();
        if (names.isEmpty()) {
            LOG.info("no @ServiceImpl bean found: the Nexus handler serves no service");
        } else {
            LOG.debug("Nexus handler built from beans {}", names);
        }
        return handler;
    }

    /**
     * The beans to serve: those whose type carries {@code @ServiceImpl} (on the class or a superclass, so a CGLIB
     * proxy counts), and JDK dynamic proxies whose target class does. Spring cannot see an annotation through a JDK
     * proxy made by a {@code @Bean} method once it exists; registering it anyway makes the engine explain how to
     * proxy the class instead of leaving the service out without a word.
     */
    private static List<String> serviceBeanNames(ListableBeanFactory beans) {
        Set<String> names = new LinkedHashSet<>(Arrays.asList(beans.getBeanNamesForAnnotation(ServiceImpl.class)));
        for (String name : beans.getBeanNamesForType(Proxy.class, true, false)) {
            if (serviceImplClass(AopUtils.getTargetClass(beans.getBean(name))) != null) {
                names.add(name);
            }
        }
        names.removeIf(name -> name.startsWith(SCOPED_TARGET_PREFIX));
        return new ArrayList<>(names);
    }

    /** The class of {@code type}'s hierarchy that carries {@code @ServiceImpl}, or null. */
    private static Class<?> serviceImplClass(Class<?> type) {
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            if (k.isAnnotationPresent(ServiceImpl.class)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Registers a service bean with a lookup of its {@code @ServiceImpl} class when that class's package is open to
     * this module (always on the class path): the engine can then call the methods of a class that is not public,
     * as Spring calls a package-private component. Otherwise the engine's own access rules apply (the package
     * exported to {@code nexusrpc.handler}).
     */
    private static void register(NexusHandler.Builder builder, Object bean) {
        Class<?> declaring = serviceImplClass(bean.getClass());
        Module self = NexusAutoConfiguration.class.getModule();
        if (declaring == null || !declaring.getModule().isOpen(declaring.getPackageName(), self)) {
            // a JDK proxy (no annotated class in its hierarchy) gets the engine's explanation
            builder.service(bean);
            return;
        }
        self.addReads(declaring.getModule());
        try {
            builder.service(bean, MethodHandles.privateLookupIn(declaring, MethodHandles.lookup()));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot access " + declaring.getName() + ": " + e.getMessage(), e);
        }
    }
}
