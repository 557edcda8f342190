/**
 * A third-party operation kind, {@link jlink.demo.jobs.BackgroundJob}, plugged into the engine from this module
 * alone: {@code provides nexusrpc.spi.OperationKind with jlink.demo.jobs.BackgroundJobKind} in {@code
 * module-info.java} and {@code META-INF/services/nexusrpc.spi.OperationKind} for the class path. No SDK module
 * knows it.
 */
package jlink.demo.jobs;
