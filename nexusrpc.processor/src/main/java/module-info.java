/**
 * The compile-time contract checker: an annotation processor that reports, as javac errors on the offending
 * elements, the same contract and implementation mismatches that {@code NexusHandler} reports at registration.
 *
 * <p>Used from {@code annotationProcessorPaths} (or {@code --processor-module-path}); it reads the {@code
 * nexusrpc.api} annotations by their names through {@code javax.lang.model}, so it needs only the JDK and stays
 * independent of the runtime engine: services never need {@code java.compiler} at run time.
 */
module nexusrpc.processor {
    requires java.compiler;

    provides javax.annotation.processing.Processor with nexusrpc.processor.ServiceContractProcessor;
}
