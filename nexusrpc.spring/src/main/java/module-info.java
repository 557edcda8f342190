/**
 * Spring Boot auto-configuration for Nexus: every {@code @ServiceImpl} bean in one {@code NexusHandler} bean,
 * served over HTTP ({@code nexus.http.*}) and from Temporal workers ({@code nexus.temporal.*}) by configuration,
 * started and drained with the application context, with health indicators when Actuator is present.
 *
 * <p>Spring's jars are automatic modules (named by their {@code Automatic-Module-Name}). Spring Boot applications
 * usually run on the class path, where none of this matters; on the module path the configuration package is
 * opened to the Spring modules that instantiate it, and to nothing else.
 */
module nexusrpc.spring {
    // NexusHttpServerCustomizer and the properties expose nexusrpc.http types (and through it the engine's)
    requires transitive nexusrpc.http;
    // the properties records carry @ConfigurationProperties; DataSize (spring.core) is a property type
    requires transitive spring.boot;
    requires transitive spring.core;
    requires spring.boot.autoconfigure;
    requires spring.aop;
    requires spring.beans;
    requires spring.context;
    requires org.slf4j;
    // optional: the Temporal workers only when the application has temporal.nexus (and so the Temporal SDK);
    // transitive because TemporalNexusWorkerCustomizer shows its builder
    requires static transitive temporal.nexus;
    // optional: health indicators only when the application has Spring Boot's health support
    requires static spring.boot.health;

    exports nexusrpc.spring;

    opens nexusrpc.spring.autoconfigure to spring.core, spring.beans, spring.context;
    opens nexusrpc.spring.autoconfigure.temporal to spring.core, spring.beans, spring.context;
}
