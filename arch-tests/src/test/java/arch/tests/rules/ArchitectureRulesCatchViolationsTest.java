package arch.tests.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import arch.tests.rules.fixture.ReachesIntoTheEngine;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of {@link ArchitectureRules} fails on a deliberately wrong class and passes on its corrected twin, so
 * a green {@link ArchitectureTest} means the SDK obeys the rules, not that the rules check nothing.
 */
class ArchitectureRulesCatchViolationsTest {
    @TempDir
    Path fixtures;

    @Test
    void apiUsingTheEngineIsCaught() {
        FixtureClassFiles.write(fixtures.resolve("nexusrpc.api.fixture.Bad"), "nexusrpc.api.fixture.Bad", "nexusrpc.handler.NexusHandler");
        FixtureClassFiles.write(fixtures.resolve("nexusrpc.api.fixture.Good"), "nexusrpc.api.fixture.Good", "java.util.List", "nexusrpc.api.Content");

        assertViolation(ArchitectureRules.API_DEPENDS_ONLY_ON_THE_JDK, "nexusrpc.api.fixture.Bad",
                "nexusrpc.handler.NexusHandler");
        assertNoViolation(ArchitectureRules.API_DEPENDS_ONLY_ON_THE_JDK, "nexusrpc.api.fixture.Good");
    }

    @Test
    void apiUsingALibraryIsCaught() {
        FixtureClassFiles.write(fixtures.resolve("nexusrpc.api.fixture.Bad"), "nexusrpc.api.fixture.Bad", "com.fasterxml.jackson.databind.ObjectMapper");

        assertViolation(ArchitectureRules.API_DEPENDS_ONLY_ON_THE_JDK, "nexusrpc.api.fixture.Bad",
                "com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void spiUsingTheEngineIsCaught() {
        FixtureClassFiles.write(fixtures.resolve("nexusrpc.spi.fixture.Bad"), "nexusrpc.spi.fixture.Bad", "nexusrpc.handler.internal.Registrar");
        FixtureClassFiles.write(fixtures.resolve("nexusrpc.spi.fixture.Good"), "nexusrpc.spi.fixture.Good", "nexusrpc.api.ServiceDefinition");

        assertViolation(ArchitectureRules.SPI_DEPENDS_ONLY_ON_THE_API_AND_THE_JDK, "nexusrpc.spi.fixture.Bad",
                "nexusrpc.handler.internal.Registrar");
        assertNoViolation(ArchitectureRules.SPI_DEPENDS_ONLY_ON_THE_API_AND_THE_JDK, "nexusrpc.spi.fixture.Good");
    }

    @Test
    void temporalOutsideTemporalNexusIsCaught() {
        FixtureClassFiles.write(fixtures.resolve("nexusrpc.handler.fixture.Bad"), "nexusrpc.handler.fixture.Bad", "io.temporal.client.WorkflowClient");
        // the exempt module's class next to an innocent one, so the rule has a class to check
        FixtureClassFiles.write(fixtures.resolve("allowed"), "temporal.nexus.fixture.Allowed", "io.temporal.client.WorkflowClient");
        FixtureClassFiles.write(fixtures.resolve("allowed"), "nexusrpc.handler.fixture.Innocent", "java.lang.String");

        assertViolation(ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_TEMPORAL, "nexusrpc.handler.fixture.Bad",
                "io.temporal.client.WorkflowClient");
        assertNoViolation(ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_TEMPORAL, "allowed");
    }

    @Test
    void theOfficialSdkOutsideTemporalNexusIsCaught() {
        FixtureClassFiles.write(fixtures.resolve("nexusrpc.spi.fixture.Bad"), "nexusrpc.spi.fixture.Bad", "io.nexusrpc.handler.OperationHandler");
        // the exempt module's class next to an innocent one, so the rule has a class to check
        FixtureClassFiles.write(fixtures.resolve("allowed"), "temporal.nexus.fixture.Allowed", "io.nexusrpc.handler.OperationHandler");
        FixtureClassFiles.write(fixtures.resolve("allowed"), "nexusrpc.handler.fixture.Innocent", "java.lang.String");

        assertViolation(ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_THE_OFFICIAL_SDK, "nexusrpc.spi.fixture.Bad",
                "io.nexusrpc.handler.OperationHandler");
        assertNoViolation(ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_THE_OFFICIAL_SDK, "allowed");
    }

    @Test
    void aCycleBetweenTwoPackagesIsCaught() {
        FixtureClassFiles.write(fixtures.resolve("cycle"), "nexusrpc.handler.fixture.a.A", "nexusrpc.handler.fixture.b.B");
        FixtureClassFiles.write(fixtures.resolve("cycle"), "nexusrpc.handler.fixture.b.B", "nexusrpc.handler.fixture.a.A");

        assertViolation(ArchitectureRules.NO_PACKAGE_CYCLES, "cycle",
                "Cycle detected: Slice nexusrpc.handler.fixture.a");
    }

    @Test
    void packagesInOneDirectionAreNoCycle() {
        FixtureClassFiles.write(fixtures.resolve("chain"), "nexusrpc.handler.fixture.a.A", "nexusrpc.handler.fixture.b.B");
        FixtureClassFiles.write(fixtures.resolve("chain"), "nexusrpc.handler.fixture.b.B", "java.lang.String");

        assertNoViolation(ArchitectureRules.NO_PACKAGE_CYCLES, "chain");
    }

    @Test
    void anotherModuleUsingTheEngineInternalsIsCaught() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ReachesIntoTheEngine.class);

        EvaluationResult result = ArchitectureRules.onlyExportedPackagesAreUsedAcrossModules(SdkModules.boot()::owner)
                .evaluate(fixture);

        assertTrue(result.hasViolation(), "a class of arch.tests uses nexusrpc.handler.internal");
        String report = result.getFailureReport().toString();
        assertTrue(report.contains("module nexusrpc.handler does not export nexusrpc.handler.internal to module"
                + " arch.tests"), report);
    }

    @Test
    void classPathCodeUsingTheEngineInternalsIsCaught() {
        FixtureClassFiles.write(fixtures.resolve("com.acme.Bad"), "com.acme.Bad", "nexusrpc.handler.internal.Registrar");
        FixtureClassFiles.write(fixtures.resolve("com.acme.Good"), "com.acme.Good", "nexusrpc.handler.NexusHandler", "nexusrpc.spi.OperationKind");
        ArchRule rule = ArchitectureRules.onlyExportedPackagesAreUsedAcrossModules(SdkModules.boot()::owner);

        assertViolation(rule, "com.acme.Bad", "does not export nexusrpc.handler.internal to the class path");
        assertNoViolation(rule, "com.acme.Good");
    }

    private void assertViolation(ArchRule rule, String fixture, String expectedInReport) {
        EvaluationResult result = rule.evaluate(importFixture(fixture));
        assertTrue(result.hasViolation(), rule.getDescription() + " accepted " + fixture);
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(expectedInReport), report);
    }

    private void assertNoViolation(ArchRule rule, String fixture) {
        EvaluationResult result = rule.evaluate(importFixture(fixture));
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }

    /** The classes of one fixture (each has a directory of its own): the rule sees only those. */
    private JavaClasses importFixture(String fixture) {
        JavaClasses imported = new ClassFileImporter().importPath(fixtures.resolve(fixture));
        assertFalse(imported.isEmpty(), "fixture " + fixture + " was not written");
        return imported;
    }
}
