package nexusrpc.benchmarks.temporal;

import io.temporal.workflow.NexusOperationOptions;
import io.temporal.workflow.NexusServiceOptions;
import io.temporal.workflow.NexusServiceStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import nexusrpc.benchmarks.dispatch.Echo;
import nexusrpc.benchmarks.dispatch.EchoService;

/** Calls the echo operation through an untyped stub, so the same caller serves both handler variants. */
public final class EchoCallerWorkflowImpl implements EchoCallerWorkflow {
    /** Created by the Temporal worker. */
    public EchoCallerWorkflowImpl() {}

    @Override
    public int run(String endpoint, int calls, String message) {
        NexusServiceStub stub = Workflow.newUntypedNexusServiceStub(EchoService.NAME, NexusServiceOptions.newBuilder()
                .setEndpoint(endpoint)
                .setOperationOptions(NexusOperationOptions.newBuilder()
                        .setScheduleToCloseTimeout(Duration.ofMinutes(1)).build())
                .build());
        int ok = 0;
        for (int i = 0; i < calls; i++) {
            Echo answer = stub.execute(EchoService.OPERATION, Echo.class, new Echo(message));
            if (message.equals(answer.message())) {
                ok++;
            }
        }
        return ok;
    }
}
