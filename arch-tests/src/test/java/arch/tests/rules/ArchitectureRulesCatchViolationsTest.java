package arch.tests.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import arch.tests.rules.fixture.LoadsTheDemoKindByName;
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
    /** One directory per fixture: a rule sees only the classes of the fixture it is evaluated on. */
    @TempDir
    Path fixtures;

    @Test
    void apiUsingTheEngineIsCaught() {
        JavaClasses bad = fixture("bad", "nexusrpc.api.fixture.Bad", "nexusrpc.handler.NexusHandler");
        JavaClasses good = fixture("good", "nexusrpc.api.fixture.Good", "java.util.List", "nexusrpc.api.Content");

        assertViolation(ArchitectureRules.API_DEPENDS_ONLY_ON_THE_JDK, bad, "nexusrpc.handler.NexusHandler");
        assertNoViolation(ArchitectureRules.API_DEPENDS_ONLY_ON_THE_JDK, good);
    }

    @Test
    void apiUsingALibraryIsCaught() {
        JavaClasses bad = fixture("bad", "nexusrpc.api.fixture.Bad", "com.fasterxml.jackson.databind.ObjectMapper");

        assertViolation(ArchitectureRules.API_DEPENDS_ONLY_ON_THE_JDK, bad,
                "com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void spiUsingTheEngineIsCaught() {
        JavaClasses bad = fixture("bad", "nexusrpc.spi.fixture.Bad", "nexusrpc.handler.internal.Registrar");
        JavaClasses good = fixture("good", "nexusrpc.spi.fixture.Good", "nexusrpc.api.ServiceDefinition");

        assertViolation(ArchitectureRules.SPI_DEPENDS_ONLY_ON_THE_API_AND_THE_JDK, bad,
                "nexusrpc.handler.internal.Registrar");
        assertNoViolation(ArchitectureRules.SPI_DEPENDS_ONLY_ON_THE_API_AND_THE_JDK, good);
    }

    @Test
    void temporalOutsideTemporalNexusIsCaught() {
        JavaClasses bad = fixture("bad", "nexusrpc.handler.fixture.Bad", "io.temporal.client.WorkflowClient");
        JavaClasses allowed = exemptNextToInnocent("io.temporal.client.WorkflowClient");

        assertViolation(ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_TEMPORAL, bad, "io.temporal.client.WorkflowClient");
        assertNoViolation(ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_TEMPORAL, allowed);
    }

    @Test
    void openTelemetryOutsideNexusrpcOpentelemetryIsCaught() {
        JavaClasses engine = fixture("engine", "nexusrpc.handler.fixture.Bad", "io.opentelemetry.api.trace.Span");
        JavaClasses transport = fixture("transport", "nexusrpc.http.fixture.Bad",
                "io.opentelemetry.context.Context");
        FixtureClassFiles.write(fixtures.resolve("allowed"), "nexusrpc.opentelemetry.fixture.Allowed",
                "io.opentelemetry.api.trace.Span");
        JavaClasses allowed = fixture("allowed", "nexusrpc.handler.fixture.Innocent", "java.lang.String");

        assertViolation(ArchitectureRules.ONLY_NEXUSRPC_OPENTELEMETRY_USES_OPENTELEMETRY, engine,
                "io.opentelemetry.api.trace.Span");
        assertViolation(ArchitectureRules.ONLY_NEXUSRPC_OPENTELEMETRY_USES_OPENTELEMETRY, transport,
                "io.opentelemetry.context.Context");
        assertNoViolation(ArchitectureRules.ONLY_NEXUSRPC_OPENTELEMETRY_USES_OPENTELEMETRY, allowed);
    }

    @Test
    void theOfficialSdkOutsideTemporalNexusIsCaught() {
        JavaClasses bad = fixture("bad", "nexusrpc.spi.fixture.Bad", "io.nexusrpc.handler.OperationHandler");
        JavaClasses allowed = exemptNextToInnocent("io.nexusrpc.handler.OperationHandler");

        assertViolation(ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_THE_OFFICIAL_SDK, bad,
                "io.nexusrpc.handler.OperationHandler");
        assertNoViolation(ArchitectureRules.ONLY_TEMPORAL_NEXUS_USES_THE_OFFICIAL_SDK, allowed);
    }

    @Test
    void aCycleBetweenTwoPackagesIsCaught() {
        FixtureClassFiles.write(fixtures.resolve("cycle"), "nexusrpc.handler.fixture.a.A",
                "nexusrpc.handler.fixture.b.B");
        JavaClasses cycle = fixture("cycle", "nexusrpc.handler.fixture.b.B", "nexusrpc.handler.fixture.a.A");

        assertViolation(ArchitectureRules.NO_PACKAGE_CYCLES, cycle, "Cycle detected: Slice nexusrpc.handler.fixture.a");
    }

    @Test
    void packagesInOneDirectionAreNoCycle() {
        FixtureClassFiles.write(fixtures.resolve("chain"), "nexusrpc.handler.fixture.a.A",
                "nexusrpc.handler.fixture.b.B");
        JavaClasses chain = fixture("chain", "nexusrpc.handler.fixture.b.B", "java.lang.String");

        assertNoViolation(ArchitectureRules.NO_PACKAGE_CYCLES, chain);
    }

    @Test
    void anotherModuleUsingTheEngineInternalsIsCaught() {
        // a real source file, compiled with this module's tests: arch.tests code importing engine internals
        JavaClasses bad = new ClassFileImporter().importClasses(ReachesIntoTheEngine.class);

        assertViolation(moduleBoundaries(), bad,
                "module nexusrpc.handler does not export nexusrpc.handler.internal to module arch.tests");
    }

    @Test
    void classPathCodeUsingTheEngineInternalsIsCaught() {
        JavaClasses bad = fixture("bad", "com.acme.Bad", "nexusrpc.handler.internal.Registrar");
        JavaClasses good =
                fixture("good", "com.acme.Good", "nexusrpc.handler.NexusHandler", "nexusrpc.spi.OperationKind");

        assertViolation(moduleBoundaries(), bad, "does not export nexusrpc.handler.internal to the class path");
        assertNoViolation(moduleBoundaries(), good);
    }

    @Test
    void theDemoUsingAnInternalPackageIsCaught() {
        JavaClasses bad = fixture("bad", "jlink.demo.fixture.Bad", "nexusrpc.http.internal.Wire");
        JavaClasses good = fixture("good", "jlink.demo.fixture.Good", "nexusrpc.handler.NexusHandler",
                "jlink.demo.internal.OwnHelper");

        assertViolation(ArchitectureRules.THE_DEMO_USES_NO_INTERNAL_PACKAGE, bad,
                "nexusrpc.http.internal.Wire");
        assertNoViolation(ArchitectureRules.THE_DEMO_USES_NO_INTERNAL_PACKAGE, good);
    }

    @Test
    void anSdkModuleUsingTheDemoKindIsCaught() {
        JavaClasses bad = fixture("bad", "temporal.nexus.fixture.Bad", "jlink.demo.jobs.BackgroundJobKind");
        FixtureClassFiles.write(fixtures.resolve("allowed"), "jlink.demo.fixture.Allowed",
                "jlink.demo.jobs.BackgroundJobKind");
        JavaClasses allowed = fixture("allowed", "nexusrpc.handler.fixture.Innocent", "java.lang.String");

        assertViolation(ArchitectureRules.NO_SDK_MODULE_MENTIONS_THE_DEMO, bad, "jlink.demo.jobs.BackgroundJobKind");
        assertNoViolation(ArchitectureRules.NO_SDK_MODULE_MENTIONS_THE_DEMO, allowed);
    }

    @Test
    void anSdkModuleNamingTheDemoKindInAStringIsCaught() {
        // a real source file whose only trace of the demo is a string: no ArchUnit dependency shows it
        JavaClasses bad = new ClassFileImporter().importClasses(LoadsTheDemoKindByName.class);

        assertViolation(ArchitectureRules.NO_SDK_MODULE_MENTIONS_THE_DEMO, bad,
                LoadsTheDemoKindByName.class.getName() + " names jlink.demo in its class file");
    }

    @Test
    void theDemoUsingTheEngineInternalsBreaksItsModuleBoundary() {
        // jlink.demo is not resolved in this run: its descriptor comes from its jar
        JavaClasses bad = fixture("bad", "jlink.demo.jobs.Bad", "nexusrpc.handler.internal.Registrar");

        assertViolation(moduleBoundaries(), bad,
                "module nexusrpc.handler does not export nexusrpc.handler.internal to module jlink.demo");
    }

    @Test
    void theEngineUsingHttpIsCaught() {
        JavaClasses server = fixture("server", "nexusrpc.handler.fixture.Bad", "com.sun.net.httpserver.HttpServer");
        JavaClasses client = fixture("client", "nexusrpc.handler.fixture.Bad", "java.net.http.HttpClient");
        FixtureClassFiles.write(fixtures.resolve("good"), "nexusrpc.http.fixture.Transport",
                "com.sun.net.httpserver.HttpServer");
        JavaClasses good = fixture("good", "nexusrpc.handler.fixture.Good", "java.util.List");

        assertViolation(ArchitectureRules.THE_ENGINE_USES_NO_HTTP, server, "com.sun.net.httpserver.HttpServer");
        assertViolation(ArchitectureRules.THE_ENGINE_USES_NO_HTTP, client, "java.net.http.HttpClient");
        assertNoViolation(ArchitectureRules.THE_ENGINE_USES_NO_HTTP, good);
        assertViolation(ArchitectureRules.ONLY_THE_HTTP_TRANSPORT_USES_THE_JDK_HTTP_SERVER,
                fixture("temporal", "temporal.nexus.fixture.Bad", "com.sun.net.httpserver.HttpExchange"),
                "com.sun.net.httpserver.HttpExchange");
        assertNoViolation(ArchitectureRules.ONLY_THE_HTTP_TRANSPORT_USES_THE_JDK_HTTP_SERVER, good);
    }

    @Test
    void aKindReachingPastTheSpiIsCaught() {
        JavaClasses engine = fixture("engine", "jlink.demo.jobs.fixture.Bad", "nexusrpc.handler.NexusHandler");
        JavaClasses http = fixture("http", "arch.tests.kind.fixture.Bad", "nexusrpc.http.CompletionSender");
        JavaClasses good = fixture("good", "jlink.demo.jobs.fixture.Good", "nexusrpc.spi.OperationBinding",
                "nexusrpc.api.handler.CompletionCallback");

        assertViolation(ArchitectureRules.KINDS_READ_ONLY_THE_SPI, engine, "nexusrpc.handler.NexusHandler");
        assertViolation(ArchitectureRules.KINDS_READ_ONLY_THE_SPI, http, "nexusrpc.http.CompletionSender");
        assertNoViolation(ArchitectureRules.KINDS_READ_ONLY_THE_SPI, good);
    }

    @Test
    void handlingOutcomesWithInstanceofIsCaught() {
        JavaClasses bad = new ClassFileImporter().importClasses(arch.tests.rules.fixture.InspectsOutcomes.class);
        JavaClasses good = new ClassFileImporter().importClasses(arch.tests.rules.fixture.VisitsOutcomes.class);

        assertViolation(ArchitectureRules.OUTCOMES_ARE_HANDLED_WITH_VISITORS, bad,
                "tests instanceof nexusrpc.handler.transport.StartOutcome$Sync");
        assertViolation(ArchitectureRules.OUTCOMES_ARE_HANDLED_WITH_VISITORS, bad,
                "tests instanceof nexusrpc.handler.transport.HandlerError");
        assertNoViolation(ArchitectureRules.OUTCOMES_ARE_HANDLED_WITH_VISITORS, good);
    }

    private static ArchRule moduleBoundaries() {
        return ArchitectureRules.onlyExportedPackagesAreUsedAcrossModules(SdkModules.boot()::owner);
    }

    /** A temporal.nexus class using {@code type}, next to an innocent class so that the rule checks something. */
    private JavaClasses exemptNextToInnocent(String type) {
        FixtureClassFiles.write(fixtures.resolve("allowed"), "temporal.nexus.fixture.Allowed", type);
        return fixture("allowed", "nexusrpc.handler.fixture.Innocent", "java.lang.String");
    }

    /** Writes a class into the fixture directory {@code name} and imports everything in that directory. */
    private JavaClasses fixture(String name, String className, String... fieldTypes) {
        Path dir = fixtures.resolve(name);
        FixtureClassFiles.write(dir, className, fieldTypes);
        return new ClassFileImporter().importPath(dir);
    }

    private static void assertViolation(ArchRule rule, JavaClasses classes, String expectedInReport) {
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), rule.getDescription() + " accepted " + classes);
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(expectedInReport), report);
    }

    private static void assertNoViolation(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }
}
