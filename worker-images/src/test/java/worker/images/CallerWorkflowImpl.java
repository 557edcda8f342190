package worker.images;

import io.temporal.workflow.NexusOperationOptions;
import io.temporal.workflow.NexusServiceOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/** {@link CallerWorkflow} with an untyped Nexus stub: the harness needs no contract of the worker's. */
public class CallerWorkflowImpl implements CallerWorkflow {
    /** Created by Temporal. */
    public CallerWorkflowImpl() {}

    @Override
    @SuppressWarnings("unchecked")
    public String call(String endpoint, String text) {
        // long enough for a worker that starts slowly on a busy machine: the operation waits in the task queue
        NexusServiceOptions options = NexusServiceOptions.newBuilder().setEndpoint(endpoint)
                .setOperationOptions(NexusOperationOptions.newBuilder()
                        .setScheduleToCloseTimeout(Duration.ofMinutes(2)).build())
                .build();
        Map<String, Object> result = Workflow.newUntypedNexusServiceStub("echo", options)
                .execute("echo", Map.class, Map.of("text", text));
        return String.valueOf(result.get("text"));
    }
}
