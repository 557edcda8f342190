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
        // kinds need the SPI only: they never see the engine that loads them, nor a transport
        assertEquals(Set.of("nexusrpc.spi"), sdkRequires("arch.tests"), "the kind module requires");
        assertEquals(Set.of("nexusrpc.spi"), sdkRequires("jlink.demo.jobs"), "the demo's kind module requires");
        // transports sit on the engine (which brings the API and the SPI), never on each other
        assertEquals(Set.of("nexusrpc.handler"), sdkRequires("nexusrpc.http"), "nexusrpc.http requires");
        assertEquals(Set.of("nexusrpc.handler"), sdkRequires("temporal.nexus"), "temporal.nexus requires");
        // telemetry sits on the engine's hooks, for every transport, and knows none of them
        assertEquals(Set.of("nexusrpc.handler"), sdkRequires("nexusrpc.opentelemetry"),
                "nexusrpc.opentelemetry requires");
        // the compile-time checker is independent of the runtime
        assertEquals(Set.of(), sdkRequires("nexusrpc.processor"), "nexusrpc.processor requires");
        assertEquals(Set.of("java.base", "java.compiler"), allRequires("nexusrpc.processor"));
    }

    @Test
    void theKindModulesReadNothingButTheSpiAndTheJdk() {
        for (String kindModule : List.of("arch.tests", "jlink.demo.jobs")) {
            Set<String> others = allRequires(kindModule).stream()
                    .filter(r -> !r.equals("nexusrpc.spi") && !r.startsWith("java.") && !r.startsWith("jdk."))
                    .collect(toSet());
            assertEquals(Set.of(), others, kindModule + " requires more than nexusrpc.spi and JDK modules");
        }
    }

    @Test
    void theEngineReadsNoHttpModuleNorDoesAnythingItRequires() {
        // a Temporal-only worker links the engine without the JDK's HTTP server and client
        for (String module : List.of("nexusrpc.api", "nexusrpc.spi", "nexusrpc.handler", "temporal.nexus",
                "nexusrpc.opentelemetry")) {
            assertTrue(allRequires(module).stream().noneMatch(HTTP_MODULES::contains),
                    module + " requires " + allRequires(module));
        }
        assertTrue(allRequires("nexusrpc.http").containsAll(HTTP_MODULES));
    }

    @Test
    void everyModuleOfTheProjectIsChecked() {
        // the unresolved ones come from their jars (see SdkModules): without them the checks below see too little
        assertEquals(List.of("arch.tests", "jlink.demo", "jlink.demo.jobs", "nexusrpc.api", "nexusrpc.handler",
                "nexusrpc.http", "nexusrpc.opentelemetry", "nexusrpc.processor", "nexusrpc.spi", "temporal.nexus"),
                modules.sdkModules().stream().map(m -> m.descriptor().name()).collect(toList()));
    }

    @Test
    void theKindModulesAndTemporalProvideTheirKinds() {
        for (String module : List.of("temporal.nexus", "jlink.demo.jobs", "arch.tests")) {
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
        for (String module : List.of("nexusrpc.handler", "nexusrpc.http", "nexusrpc.opentelemetry", "temporal.nexus",
                "arch.tests", "jlink.demo.jobs")) {
            assertTrue(descriptor(module).packages().stream().anyMatch(ModuleDescriptorChecks::isInternal),
                    module + " packages: " + descriptor(module).packages());
        }
    }

    private static final Set<String> HTTP_MODULES = Set.of("jdk.httpserver", "java.net.http");

    private Set<String> allRequires(String name) {
        return descriptor(name).requires().stream().map(Requires::name).collect(toSet());
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
