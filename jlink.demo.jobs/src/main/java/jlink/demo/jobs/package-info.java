/**
 * A third-party operation kind, {@link jlink.demo.jobs.BackgroundJob}: what service code writes (the annotation,
 * {@link jlink.demo.jobs.Job} and {@link jlink.demo.jobs.JobControl}). The kind itself lives in the module's
 * non-exported {@code internal} package and is plugged into the engine from this module alone: {@code provides
 * nexusrpc.spi.OperationKind with jlink.demo.jobs.internal.BackgroundJobKind} in {@code module-info.java} and
 * {@code META-INF/services/nexusrpc.spi.OperationKind} for the class path. No SDK module knows it.
 */
package jlink.demo.jobs;
