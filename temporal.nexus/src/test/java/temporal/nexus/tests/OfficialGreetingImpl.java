package temporal.nexus.tests;

import io.temporal.client.WorkflowOptions;
import java.util.Locale;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import temporal.nexus.WorkflowRunOperation;
import temporal.nexus.WorkflowStart;

/** Serves {@link OfficialGreeting} with this SDK's kinds. */
@ServiceImpl(OfficialGreeting.class)
public final class OfficialGreetingImpl {
    @SyncOperation
    public String shout(String input) {
        return input.toUpperCase(Locale.ROOT) + "!";
    }

    @WorkflowRunOperation
    public WorkflowStart<Greeting.Welcome> greet(Greeting.Person person) {
        return WorkflowStart.ofType("WelcomeWorkflow",
                WorkflowOptions.newBuilder().setWorkflowId("welcome-" + person.name()).build(), person);
    }
}
