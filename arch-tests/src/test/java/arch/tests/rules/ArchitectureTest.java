package arch.tests.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks {@link ArchitectureRules} against the classes of every SDK module on the module path. */
class ArchitectureTest {
    private static JavaClasses sdk;

    @BeforeAll
    static void importTheSdk() {
        SdkModules modules = SdkModules.boot();
        List<String> names = modules.sdkModules().stream().map(r -> r.descriptor().name()).collect(Collectors.toList());
        // without these the rules below would pass on nothing
        assertTrue(names.containsAll(List.of("nexusrpc.api", "nexusrpc.spi", "nexusrpc.handler", "arch.tests")),
                "SDK modules on the module path: " + names);
        sdk = new ClassFileImporter().importLocations(modules.sdkLocations());
        assertTrue(sdk.contain("nexusrpc.handler.NexusHandler"), "the engine was not imported");
    }

    @Test
    void apiDependsOnlyOnTheJdk() {
        ArchitectureRules.API_DEPENDS_ONLY_ON_THE_JDK.check(sdk);
    }

    @Test
    void spiDependsOnlyOnTheApiAndTheJdk() {
        ArchitectureRules.SPI_DEPENDS_ONLY_ON_THE_API_AND_THE_JDK.check(sdk);
    }

    @Test
    void onlyTemporalNexusUsesTemporal() {
        ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_TEMPORAL.check(sdk);
    }

    @Test
    void onlyTemporalNexusUsesTheOfficialSdk() {
        ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_THE_OFFICIAL_SDK.check(sdk);
    }

    @Test
    void noPackageCycles() {
        ArchitectureRules.NO_PACKAGE_CYCLES.check(sdk);
    }

    @Test
    void onlyExportedPackagesAreUsedAcrossModules() {
        ArchitectureRules.onlyExportedPackagesAreUsedAcrossModules(SdkModules.boot()::owner).check(sdk);
    }
}
