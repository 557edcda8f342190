package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.Operation;
import nexusrpc.api.OperationException;
import nexusrpc.api.Service;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.testing.NexusTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Services proxied by a dependency-injection container: a generated subclass (what CGLIB and ByteBuddy make for
 * {@code @Transactional} or any aspect) carries no {@code @ServiceImpl} and overrides every method without its
 * annotations. It is registered as its superclass's implementation, and calls go through the proxy.
 */
class ProxiedServiceTest {
    @Service
    public interface Greeter {
        @Operation
        String greet(String name);
    }

    @ServiceImpl(Greeter.class)
    public static class GreeterImpl {
        @SyncOperation
        public String greet(String name) {
            return "hello " + name;
        }
    }

    /** Shaped like Spring's CGLIB proxies ({@code Foo$$SpringCGLIB$$0}): an aspect counts every call. */
    public static class GreeterImpl$$SpringCGLIB$$0 extends GreeterImpl {
        final AtomicInteger advised = new AtomicInteger();

        @Override
        public String greet(String name) {
            advised.incrementAndGet();
            return super.greet(name).toUpperCase(java.util.Locale.ROOT);
        }
    }

    /** A hand-written subclass without the annotation is not a proxy: it must say which contract it serves. */
    public static class Unmarked extends GreeterImpl {}

    @Test
    void aGeneratedSubclassIsRegisteredAsItsSuperclassAndItsAspectRunsOnEveryCall() throws OperationException {
        GreeterImpl$$SpringCGLIB$$0 proxy = new GreeterImpl$$SpringCGLIB$$0();
        try (NexusTestHarness harness = NexusTestHarness.of(proxy)) {
            var client = harness.client(Greeter.class);
            assertEquals("HELLO ADA", client.execute(Greeter::greet, "ada"));
            assertEquals("HELLO BOB", client.execute(Greeter::greet, "bob"));
        }
        assertEquals(2, proxy.advised.get(), "each call went through the proxy's override");
    }

    @Test
    void aHandWrittenSubclassWithoutTheAnnotationIsStillRefused() {
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> NexusHandler.builder().service(new Unmarked()).build());
        assertTrue(e.getMessage().contains(Unmarked.class.getName() + " is not annotated @ServiceImpl"),
                e::getMessage);
    }

    @Test
    void aJdkDynamicProxyIsRefusedWithWhatToDo() {
        Object jdkProxy = Proxy.newProxyInstance(Greeter.class.getClassLoader(), new Class<?>[] {Greeter.class},
                (p, m, args) -> "x");
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> NexusHandler.builder().service(jdkProxy).build());
        assertTrue(e.getMessage().contains("is a JDK dynamic proxy"), e::getMessage);
        assertTrue(e.getMessage().contains("proxyTargetClass = true"), e::getMessage);
    }
}
