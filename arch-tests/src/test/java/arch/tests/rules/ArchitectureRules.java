package arch.tests.rules;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.lang.module.ModuleDescriptor;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SDK's architecture, as ArchUnit rules. {@link ArchitectureTest} checks them against the SDK's modules and
 * {@link ArchitectureRulesCatchViolationsTest} shows each one failing on a deliberately wrong class.
 */
final class ArchitectureRules {
    /** The API is what users compile against: it must not drag anything into their build. */
    static final ArchRule API_DEPENDS_ONLY_ON_THE_JDK = classes()
            .that().resideInAPackage("nexusrpc.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("nexusrpc.api..", "java..")
            .because("nexusrpc.api is the contract users compile against and must need nothing but java.base");

    /** Extenders implement the SPI: it may show them the API and the JDK, never the engine. */
    static final ArchRule SPI_DEPENDS_ONLY_ON_THE_API_AND_THE_JDK = classes()
            .that().resideInAPackage("nexusrpc.spi..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("nexusrpc.spi..", "nexusrpc.api..", "java..")
            .because("a kind written against nexusrpc.spi must not depend on the engine that loads it");

    /** Temporal is one transport among others; only its integration module knows it. */
    static final ArchRule ONLY_TEMPORAL_NEXUS_USES_TEMPORAL = noClasses()
            .that().resideOutsideOfPackage("temporal.nexus..")
            .should().dependOnClassesThat().resideInAPackage("io.temporal..")
            .because("only temporal.nexus may depend on the Temporal SDK");

    /** Telemetry is optional: the engine and transports offer hooks, one module fills them with OpenTelemetry. */
    static final ArchRule ONLY_NEXUSRPC_OPENTELEMETRY_USES_OPENTELEMETRY = noClasses()
            .that().resideOutsideOfPackage("nexusrpc.opentelemetry..")
            .should().dependOnClassesThat().resideInAPackage("io.opentelemetry..")
            .because("only nexusrpc.opentelemetry may depend on OpenTelemetry; the engine and the transports offer"
                    + " Middleware and TransportObserver instead (the demo's --trace mode lives outside its module)");

    /** The official SDK owns io.nexusrpc; we only bridge to it where Temporal forces us to. */
    static final ArchRule ONLY_TEMPORAL_NEXUS_USES_THE_OFFICIAL_SDK = noClasses()
            .that().resideOutsideOfPackage("temporal.nexus..")
            .should().dependOnClassesThat().resideInAPackage("io.nexusrpc..")
            .because("io.nexusrpc belongs to the official SDK; only the Temporal bridge may touch it");

    /** Each package is a slice: a cycle between any two packages, in or across modules, fails. */
    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("(**)")
            .should().beFreeOfCycles()
            .because("cycles between packages make layers impossible to split or test alone");

    /** The demo is an application: it uses the SDK as users do, through what the SDK modules export. */
    static final ArchRule THE_DEMO_USES_NO_INTERNAL_PACKAGE = noClasses()
            .that().resideInAPackage("jlink.demo..")
            .should().dependOnClassesThat(resideInAPackage("..internal..").and(resideOutsideOfPackage("jlink.demo..")))
            .because("jlink.demo shows what a user can build; an internal package is free to change under it");

    /** The demo's kind plugs in through ServiceLoader alone: no SDK module knows it, not even by name. */
    static final ArchRule NO_SDK_MODULE_MENTIONS_THE_DEMO = noClasses()
            .that().resideOutsideOfPackage("jlink.demo..")
            .should(new MentionsOfPackage("jlink.demo"))
            .because("the demo's @BackgroundJob kind must be found by ServiceLoader like any third-party kind");

    /** The engine is transport-neutral: a Temporal-only worker must link without the JDK's HTTP modules. */
    static final ArchRule THE_ENGINE_USES_NO_HTTP = noClasses()
            .that().resideInAPackage("nexusrpc.handler..")
            .should().dependOnClassesThat().resideInAnyPackage("com.sun.net.httpserver..", "java.net.http..")
            .because("nexusrpc.handler is the engine every transport shares; HTTP lives in nexusrpc.http");

    /** One module of the SDK serves HTTP; applications (the demo) may use the JDK server as they like. */
    static final ArchRule ONLY_THE_HTTP_TRANSPORT_USES_THE_JDK_HTTP_SERVER = noClasses()
            .that().resideOutsideOfPackages("nexusrpc.http..", "jlink.demo..")
            .should().dependOnClassesThat().resideInAPackage("com.sun.net.httpserver..")
            .because("nexusrpc.http is the SDK's HTTP transport; no other SDK module may serve HTTP");

    /** An operation kind is a plugin: it sees the SPI (and the API it brings), never the engine or a transport. */
    static final ArchRule KINDS_READ_ONLY_THE_SPI = classes()
            .that().resideInAnyPackage("arch.tests.kind..", "jlink.demo.jobs..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "arch.tests.kind..", "jlink.demo.jobs..", "nexusrpc.spi..", "nexusrpc.api..", "java..")
            .because("a kind must work with any engine version and over any transport: it reads nexusrpc.spi only");

    /** Transports handle outcomes with their visitors, so a new variant fails compilation in each of them. */
    static final ArchRule OUTCOMES_ARE_HANDLED_WITH_VISITORS = noClasses()
            .that().resideOutsideOfPackage("nexusrpc.handler.transport..")
            .should(new InspectsOutcomesByType("nexusrpc.handler.transport"))
            .because("an instanceof chain over a sealed outcome compiles when a variant is added and breaks at run"
                    + " time; the outcome's Visitor makes the compiler list every place to change");

    private ArchitectureRules() {}

    /**
     * No class uses a package of another module that the module does not export to it (such as
     * {@code nexusrpc.handler.internal}).
     *
     * @param ownerOfPackage the module descriptor that owns a package, empty for class path packages
     */
    static ArchRule onlyExportedPackagesAreUsedAcrossModules(
            Function<String, Optional<ModuleDescriptor>> ownerOfPackage) {
        return classes().should(new ModuleBoundaries(ownerOfPackage))
                .because("a package a module does not export is its implementation, free to change");
    }
}
