package nexusrpc.spring.tests;

import io.temporal.workflow.NexusOperationOptions;
import io.temporal.workflow.NexusServiceOptions;
import io.temporal.workflow.NexusServiceStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The workflows Temporal's starter registers: the one behind the workflow-run operation and a Nexus caller. */
public final class Workflows {
    private Workflows() {}

    /** Greets after a short sleep, so the operation completes through Temporal's callback. */
    @WorkflowInterface
    public interface HelloWorkflow {
        @WorkflowMethod
        String run(String name);
    }

    /** Implementation of {@link HelloWorkflow}. */
    public static class HelloWorkflowImpl implements HelloWorkflow {
        @Override
        public String run(String name) {
            Workflow.sleep(Duration.ofMillis(100));
            return "welcome " + name;
        }
    }

    /** Calls one operation of a Nexus service through an endpoint, the way any Temporal workflow does. */
    @WorkflowInterface
    public interface CallerWorkflow {
        @WorkflowMethod
        String call(String endpoint, String service, String operation, String input);
    }

    /** Implementation of {@link CallerWorkflow}. */
    public static class CallerWorkflowImpl implements CallerWorkflow {
        @Override
        public String call(String endpoint, String service, String operation, String input) {
            NexusServiceStub stub = Workflow.newUntypedNexusServiceStub(service, NexusServiceOptions.newBuilder()
                    .setEndpoint(endpoint)
                    .setOperationOptions(NexusOperationOptions.newBuilder()
                            .setScheduleToCloseTimeout(Duration.ofSeconds(30)).build())
                    .build());
            return stub.execute(operation, String.class, input);
        }
    }
}
