package nexusrpc.spring;

import temporal.nexus.TemporalNexusWorker;

/**
 * Adjusts each {@link TemporalNexusWorker} the auto-configuration builds, after the {@code nexus.temporal.*}
 * properties were applied: e.g. its identity or data converter. Customizer beans run in their {@code @Order}.
 */
@FunctionalInterface
public interface TemporalNexusWorkerCustomizer {
    /**
     * Changes the builder of the worker for {@code taskQueue}; the auto-configuration builds (without starting) the
     * worker afterwards.
     */
    void customize(String taskQueue, TemporalNexusWorker.Builder builder);
}
