package nexusrpc.spring.autoconfigure.temporal;

import java.util.List;
import nexusrpc.spring.autoconfigure.DrainingLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import temporal.nexus.TemporalNexusWorker;

/**
 * Starts the Temporal Nexus workers with the application context and stops them gracefully when it closes: every
 * worker stops polling at once, then each waits for its running tasks (up to its shutdown timeout) so that they
 * reply. Drains beside the Nexus HTTP server.
 */
public final class TemporalNexusWorkers extends DrainingLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TemporalNexusWorkers.class);

    private final List<TemporalNexusWorker> workers;

    TemporalNexusWorkers(List<TemporalNexusWorker> workers) {
        super("nexus-temporal-drain");
        this.workers = List.copyOf(workers);
    }

    /** The workers, one per configured task queue. */
    public List<TemporalNexusWorker> workers() {
        return workers;
    }

    @Override
    protected void startServing() {
        if (workers.isEmpty()) {
            LOG.info("a WorkflowClient bean exists but nexus.temporal.task-queues is empty: no Temporal Nexus worker");
        }
        workers.forEach(TemporalNexusWorker::start);
    }

    /** Stops every worker's polling first, so all of them drain at the same time, then waits for each. */
    @Override
    protected void drain() {
        workers.forEach(TemporalNexusWorker::shutdown);
        workers.forEach(TemporalNexusWorker::close);
    }
}
