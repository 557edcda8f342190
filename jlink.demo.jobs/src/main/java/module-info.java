/**
 * The {@code @BackgroundJob} operation kind: a third-party kind built on {@code nexusrpc.spi} alone, with no
 * reference to the engine or to any transport. It runs jobs in memory on worker threads and serves fetchInfo,
 * fetchResult (with wait), cancel and request-id deduplication itself; completion callbacks go through {@link
 * nexusrpc.api.handler.OperationContext#completionCallback()}, so they reach callers over HTTP, or over any
 * transport that can deliver them, without this module knowing which.
 *
 * <p>Service code needs only the exported package {@code jlink.demo.jobs} (the annotation and the job types); the
 * engine finds the kind with {@link java.util.ServiceLoader}.
 */
module jlink.demo.jobs {
    // the only module required besides the JDK's; it brings nexusrpc.api transitively. Transitive here too: the
    // exported annotation is meta-annotated with nexusrpc.api's @OperationKindAnnotation and jobs throw its
    // OperationException, so service code reading this module reads the API as well
    requires transitive nexusrpc.spi;

    // what service code writes: @BackgroundJob, Job, JobControl
    exports jlink.demo.jobs;

    // the engine finds the kind through ServiceLoader: no SDK module names it, and its package stays closed
    provides nexusrpc.spi.OperationKind with jlink.demo.jobs.internal.BackgroundJobKind;
}
