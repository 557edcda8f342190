package nexusrpc.spring;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Temporal Nexus workers ({@code nexus.temporal.*}): when the application has {@code temporal.nexus} and one
 * {@code WorkflowClient} bean (as Temporal's Spring Boot starter provides), one {@code TemporalNexusWorker} per
 * task queue serves the {@code NexusHandler} bean, started with the context and drained when it closes.
 *
 * @param enabled Whether to serve the Nexus handler from Temporal workers when a WorkflowClient bean exists.
 * @param taskQueues Task queues to poll for Nexus tasks, one worker each: the target task queues of your Nexus
 *     endpoints. Empty: no worker.
 * @param workflowTaskQueue Task queue of the workflows that Temporal-backed operations start without naming one,
 *     when they are served by another transport (HTTP). Default: the first of task-queues.
 * @param pollers Long polls each worker runs at a time.
 * @param maxConcurrentTasks Tasks each worker runs at a time; polling pauses while the limit is reached.
 * @param shutdownTimeout How long stopping waits for running tasks before cancelling them (the worker then waits
 *     up to 5 s more for their replies). The default keeps both within Spring Boot's 30 s shutdown phase timeout.
 */
@ConfigurationProperties("nexus.temporal")
public record NexusTemporalProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<String> taskQueues,
        String workflowTaskQueue,
        @DefaultValue("2") int pollers,
        @DefaultValue("100") int maxConcurrentTasks,
        @DefaultValue("20s") Duration shutdownTimeout) {

    /** Checks the values; messages name the property. */
    public NexusTemporalProperties {
        taskQueues = taskQueues == null ? List.of() : List.copyOf(taskQueues);
        if (taskQueues.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("nexus.temporal.task-queues has an empty entry");
        }
        if (new HashSet<>(taskQueues).size() != taskQueues.size()) {
            throw new IllegalArgumentException("nexus.temporal.task-queues names a task queue twice: " + taskQueues);
        }
        if (workflowTaskQueue != null && workflowTaskQueue.isBlank()) {
            throw new IllegalArgumentException("nexus.temporal.workflow-task-queue is empty: name a task queue or"
                    + " leave it out");
        }
        if (pollers < 1) {
            throw new IllegalArgumentException("nexus.temporal.pollers must be at least 1, got " + pollers);
        }
        if (maxConcurrentTasks < pollers) {
            throw new IllegalArgumentException("nexus.temporal.max-concurrent-tasks (" + maxConcurrentTasks
                    + ") must be at least nexus.temporal.pollers (" + pollers + ")");
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("nexus.temporal.shutdown-timeout must be zero or positive, got "
                    + shutdownTimeout);
        }
    }

    /** The task queue of workflows started for other transports: the one set, else the first worker's. */
    public Optional<String> defaultWorkflowTaskQueue() {
        return workflowTaskQueue != null ? Optional.of(workflowTaskQueue) : taskQueues.stream().findFirst();
    }
}
