package arch.tests.rules;

import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What ArchUnit cannot see: the module descriptors of every module of the project, resolved or only read from
 * their jars. The layering of {@code requires}, plugins that work on both paths, and encapsulation that is only
 * opened where reflection needs it.
 */
class ModuleDescriptorsTest {
    private SdkModules modules;

    @BeforeEach
    void readTheModulePath() {
        modules = SdkModules.boot();
    }

    @Test
    void theLayersRequireOnlyTheLayersBelow() {
        assertEquals(Set.of(), sdkRequires("nexusrpc.api"), "nexusrpc.api requires");
        assertEquals(Set.of("nexusrpc.api"), sdkRequires("nexusrpc.spi"), "nexusrpc.spi requires");
        assertEquals(Set.of("nexusrpc.api", "nexusrpc.spi"), sdkRequires("nexusrpc.handler"),
                "nexusrpc.handler requires");
        // a kind needs the SPI only: it never sees the engine that loads it
        assertEquals(Set.of("nexusrpc.spi"), sdkRequires("arch.tests"), "the kind module requires");
        // transports and applications sit on the engine (which brings the API and the SPI), never on each other
        assertEquals(Set.of("nexusrpc.handler"), sdkRequires("temporal.nexus"), "temporal.nexus requires");
        assertEquals(Set.of("nexusrpc.handler"), sdkRequires("jlink.demo"), "jlink.demo requires");
    }

    @Test
    void everyModuleOfTheProjectIsChecked() {
        // the unresolved ones come from their jars (see SdkModules): without them the checks below see too little
        assertEquals(List.of("arch.tests", "jlink.demo", "nexusrpc.api", "nexusrpc.handler", "nexusrpc.spi",
                "temporal.nexus"), modules.sdkModules().stream().map(m -> m.descriptor().name()).collect(toList()));
    }

    @Test
    void theDemoAndTemporalProvideTheirKinds() {
        for (String module : List.of("temporal.nexus", "jlink.demo")) {
            assertTrue(descriptor(module).provides().stream()
                    .anyMatch(p -> p.service().equals("nexusrpc.spi.OperationKind")),
                    module + " provides " + descriptor(module).provides());
        }
    }

    @Test
    void theEngineLoadsKindsAndProvidesTheBuiltInOnes() {
        ModuleDescriptor engine = descriptor("nexusrpc.handler");

        assertTrue(engine.uses().contains("nexusrpc.spi.OperationKind"), "nexusrpc.handler uses " + engine.uses());
        assertTrue(engine.provides().stream().anyMatch(p -> p.service().equals("nexusrpc.spi.OperationKind")),
                "nexusrpc.handler provides " + engine.provides());
    }

    @Test
    void everyProviderIsAlsoListedForTheClassPath() {
        assertEquals(List.of(), ModuleDescriptorChecks.providersMissingOnTheClassPath(modules.sdkModules()));
    }

    @Test
    void noModuleOpensAPackageToEveryone() {
        assertEquals(List.of(), ModuleDescriptorChecks.opensToEveryone(modules.sdkModules()));
    }

    @Test
    void internalPackagesAreNeverExportedToEveryone() {
        assertEquals(List.of(), ModuleDescriptorChecks.internalPackagesExportedToEveryone(modules.sdkModules()));
        // the check above must see an internal package in every module that has one
        for (String module : List.of("nexusrpc.handler", "temporal.nexus", "arch.tests")) {
            assertTrue(descriptor(module).packages().stream().anyMatch(ModuleDescriptorChecks::isInternal),
                    module + " packages: " + descriptor(module).packages());
        }
    }

    private ModuleDescriptor descriptor(String name) {
        return modules.sdkModule(name)
                .orElseThrow(() -> new AssertionError(name + " is not among the project's modules"))
                .descriptor();
    }

    /** The SDK modules among a module's {@code requires} (the JDK and libraries left out). */
    private Set<String> sdkRequires(String name) {
        return descriptor(name).requires().stream()
                .map(Requires::name)
                .filter(SdkModules.IS_SDK_MODULE)
                .collect(toSet());
    }
}
