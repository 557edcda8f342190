package nexusrpc.spring.autoconfigure.temporal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import temporal.nexus.TemporalNexusWorker;

/**
 * Starts the Temporal Nexus workers with the application context and stops them gracefully when it closes: every
 * worker stops polling at once, then each waits for its running tasks (up to its shutdown timeout) so that they
 * reply. Same phase as the Nexus HTTP server, whose drain runs beside this one.
 */
public final class TemporalNexusWorkers implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TemporalNexusWorkers.class);
    /** Spring Boot's web server graceful shutdown phase, as for the HTTP server. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final List<TemporalNexusWorker> workers;
    private volatile boolean running;

    TemporalNexusWorkers(List<TemporalNexusWorker> workers) {
        this.workers = List.copyOf(workers);
    }

    /** The workers, one per configured task queue. */
    public List<TemporalNexusWorker> workers() {
        return workers;
    }

    @Override
    public void start() {
        if (workers.isEmpty()) {
            LOG.info("a WorkflowClient bean exists but nexus.temporal.task-queues is empty: no Temporal Nexus worker");
        }
        workers.forEach(TemporalNexusWorker::start);
        running = true;
    }

    /** Drains on a thread of its own, beside the HTTP server's drain. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        Thread drain = new Thread(() -> {
            try {
                drain();
            } finally {
                callback.run();
            }
        }, "nexus-temporal-drain");
        drain.start();
    }

    @Override
    public void stop() {
        running = false;
        drain();
    }

    /** Stops every worker's polling first, so all of them drain at the same time, then waits for each. */
    private void drain() {
        workers.forEach(TemporalNexusWorker::shutdown);
        workers.forEach(TemporalNexusWorker::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
