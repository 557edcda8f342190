package jlink.demo.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.NexusOperationOptions;
import io.temporal.workflow.NexusServiceOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Implementation of {@link CallerWorkflow}: an untyped Nexus stub, JSON in and out. */
public class CallerWorkflowImpl implements CallerWorkflow {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Creates the workflow (Temporal instantiates it). */
    public CallerWorkflowImpl() {}

    @Override
    public String call(String endpoint, String service, String operation, String inputJson) {
        NexusServiceOptions options = NexusServiceOptions.newBuilder().setEndpoint(endpoint)
                .setOperationOptions(NexusOperationOptions.newBuilder()
                        .setScheduleToCloseTimeout(Duration.ofSeconds(30)).build())
                .build();
        try {
            JsonNode input = JSON.readTree(inputJson);
            JsonNode result = Workflow.newUntypedNexusServiceStub(service, options)
                    .execute(operation, JsonNode.class, input);
            return "ok: " + result;
        } catch (TemporalFailure e) {
            StringBuilder sb = new StringBuilder("failure: ");
            for (Throwable t = e; t != null; t = t.getCause()) {
                String m = t instanceof TemporalFailure ? ((TemporalFailure) t).getOriginalMessage() : t.getMessage();
                if (m != null && !m.isBlank()) {
                    sb.append(sb.length() > "failure: ".length() ? " <- " : "").append(m);
                }
            }
            return sb.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "failure: the input is not JSON: " + e.getOriginalMessage();
        }
    }
}
