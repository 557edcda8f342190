package nexusrpc.spring.autoconfigure.temporal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import temporal.nexus.TemporalNexusWorker;

/**
 * The health of the Temporal Nexus workers: UP while every worker polls, OUT_OF_SERVICE before they started and
 * once the context stopped them, DOWN if a worker stopped while the context runs. Details per task queue.
 */
public final class TemporalNexusWorkersHealthIndicator implements HealthIndicator {
    private final TemporalNexusWorkers workers;

    TemporalNexusWorkersHealthIndicator(TemporalNexusWorkers workers) {
        this.workers = workers;
    }

    @Override
    public Health health() {
        Map<String, Object> queues = new LinkedHashMap<>();
        boolean allPolling = true;
        for (TemporalNexusWorker w : workers.workers()) {
            queues.put(w.config().taskQueue(), Map.of("namespace", w.config().namespace(), "polling", w.isRunning()));
            allPolling &= w.isRunning();
        }
        Health.Builder health = !workers.isRunning() ? Health.outOfService() : allPolling ? Health.up() : Health.down();
        return health.withDetail("taskQueues", queues).build();
    }
}
