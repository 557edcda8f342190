package arch.tests.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link ArchitectureRules} against the classes of every module of the project: those on the module path
 * and those only read from their jars (temporal.nexus, jlink.demo).
 */
class ArchitectureTest {
    private static JavaClasses sdk;

    @BeforeAll
    static void importTheSdk() {
        SdkModules modules = SdkModules.boot();
        List<String> names = modules.sdkModules().stream().map(r -> r.descriptor().name()).collect(Collectors.toList());
        // without these the rules below would pass on nothing
        assertTrue(names.containsAll(List.of("nexusrpc.api", "nexusrpc.spi", "nexusrpc.handler", "nexusrpc.http",
                "nexusrpc.processor", "nexusrpc.opentelemetry", "arch.tests", "temporal.nexus", "jlink.demo",
                "jlink.demo.jobs")),
                "SDK modules found: " + names);
        sdk = new ClassFileImporter().importLocations(modules.sdkLocations());
        for (String type : List.of("nexusrpc.handler.NexusHandler", "nexusrpc.http.NexusHttpServer",
                "temporal.nexus.TemporalNexusWorker", "jlink.demo.jobs.internal.BackgroundJobKind",
                "nexusrpc.processor.ServiceContractProcessor", "nexusrpc.opentelemetry.NexusTelemetry")) {
            assertTrue(sdk.contain(type), type + " was not imported");
        }
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
    void onlyNexusrpcOpentelemetryUsesOpenTelemetry() {
        ArchitectureRules.ONLY_NEXUSRPC_OPENTELEMETRY_USES_OPENTELEMETRY.check(sdk);
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
    void theDemoUsesNoInternalPackage() {
        ArchitectureRules.THE_DEMO_USES_NO_INTERNAL_PACKAGE.check(sdk);
    }

    @Test
    void noSdkModuleMentionsTheDemo() {
        ArchitectureRules.NO_SDK_MODULE_MENTIONS_THE_DEMO.check(sdk);
    }

    @Test
    void theEngineUsesNoHttp() {
        ArchitectureRules.THE_ENGINE_USES_NO_HTTP.check(sdk);
    }

    @Test
    void onlyTheHttpTransportUsesTheJdkHttpServer() {
        ArchitectureRules.ONLY_THE_HTTP_TRANSPORT_USES_THE_JDK_HTTP_SERVER.check(sdk);
    }

    @Test
    void kindsReadOnlyTheSpi() {
        ArchitectureRules.KINDS_READ_ONLY_THE_SPI.check(sdk);
    }

    @Test
    void outcomesAreHandledWithVisitors() {
        ArchitectureRules.OUTCOMES_ARE_HANDLED_WITH_VISITORS.check(sdk);
    }

    @Test
    void onlyExportedPackagesAreUsedAcrossModules() {
        ArchitectureRules.onlyExportedPackagesAreUsedAcrossModules(SdkModules.boot()::owner).check(sdk);
    }
}
