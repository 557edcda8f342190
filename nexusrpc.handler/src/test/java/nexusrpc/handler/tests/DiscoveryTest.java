package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.internal.ManualOperationKind;
import nexusrpc.handler.internal.SyncOperationKind;
import nexusrpc.spi.OperationKind;
import org.junit.jupiter.api.Test;

/** The built-in kinds are ServiceLoader providers, found on the module path. */
class DiscoveryTest {
    @Test
    void theseTestsRunOnTheModulePath() {
        Module engine = NexusHandler.class.getModule();
        assertTrue(engine.isNamed(), "nexusrpc.handler must be a named module in its own tests");
        assertEquals("nexusrpc.handler", engine.getName());
        assertEquals(engine, DiscoveryTest.class.getModule(), "tests are patched into the module");
        assertTrue(OperationKind.class.getModule().isNamed());
        assertEquals("nexusrpc.spi", OperationKind.class.getModule().getName());
    }

    @Test
    void theEngineDeclaresTheKindsAsProviders() {
        ModuleDescriptor d = NexusHandler.class.getModule().getDescriptor();
        assertTrue(d.uses().contains(OperationKind.class.getName()));
        ModuleDescriptor.Provides provides = d.provides().stream()
                .filter(p -> p.service().equals(OperationKind.class.getName()))
                .findFirst().orElseThrow();
        assertEquals(List.of(ManualOperationKind.class.getName(), SyncOperationKind.class.getName()),
                provides.providers());
    }

    @Test
    void serviceLoaderFindsTheBuiltInKindsThroughTheModuleGraph() {
        Set<Class<?>> found = ServiceLoader.load(NexusHandler.class.getModule().getLayer(), OperationKind.class)
                .stream().map(ServiceLoader.Provider::type).collect(Collectors.toSet());
        assertTrue(found.containsAll(Set.of(ManualOperationKind.class, SyncOperationKind.class)), found.toString());
        Set<String> annotations = ServiceLoader.load(OperationKind.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());
        assertTrue(annotations.containsAll(Set.of("@OperationImpl", "@SyncOperation")), annotations.toString());
    }

    @Test
    void aDiscoveringBuilderServesBothStyles() {
        NexusHandler handler = NexusHandler.builder()
                .service(new MyNexusServiceSyncImpl())
                .service(new JobServiceImpl(new Jobs()))
                .build();
        assertEquals(2, handler.services().size());
    }
}
