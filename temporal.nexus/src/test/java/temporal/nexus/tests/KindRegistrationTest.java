package temporal.nexus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowOptions;
import java.util.List;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.handler.NexusHandler;
import org.junit.jupiter.api.Test;
import temporal.nexus.SignalWithStart;
import temporal.nexus.SignalWithStartOperation;
import temporal.nexus.UpdateOperation;
import temporal.nexus.WorkflowRunOperation;
import temporal.nexus.WorkflowStart;

/** Registration checks of the Temporal kinds: every mistake reported at once, each saying what to change. */
class KindRegistrationTest {
    /** Three wrong methods. */
    @ServiceImpl(Greeting.class)
    public static final class Wrong {
        @WorkflowRunOperation
        public String echo(String input) { // wrong: must return WorkflowStart<String>
            return input;
        }

        @WorkflowRunOperation
        public WorkflowStart<Integer> hello(String name) { // wrong output type
            return WorkflowStart.ofType("X", WorkflowOptions.newBuilder().setWorkflowId("x").build());
        }

        @UpdateOperation
        public SignalWithStart<String> bump(String a, String b) { // too many parameters
            return null;
        }

        @SignalWithStartOperation
        public SignalWithStart<String> enqueue() { // the contract operation takes an input
            return null;
        }
    }

    @Test
    void everyMisfitIsReportedWithWhatToChange() {
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> NexusHandler.builder().service(new Wrong()).build());
        List<String> problems = e.problems();
        assertTrue(has(problems, "Wrong.echo returns java.lang.String: a @WorkflowRunOperation method returns"
                + " WorkflowStart<java.lang.String>"), problems.toString());
        assertTrue(has(problems, "Wrong.hello returns temporal.nexus.WorkflowStart<java.lang.Integer> but operation"
                + " \"hello-workflow\""), problems.toString());
        assertTrue(has(problems, "Wrong.bump has 2 parameters"), problems.toString());
        assertTrue(has(problems, "Wrong.enqueue takes no input but operation \"enqueue\""), problems.toString());
        assertEquals(1, problems.stream().filter(p -> p.startsWith("Wrong.echo")).count());
    }

    private static boolean has(List<String> problems, String start) {
        return problems.stream().anyMatch(p -> p.startsWith(start));
    }
}
