package temporal.nexus.tests;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.NexusOperationHandle;
import io.temporal.workflow.NexusOperationOptions;
import io.temporal.workflow.NexusServiceOptions;
import io.temporal.workflow.NexusServiceStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Temporal caller workflows: they call our worker through Temporal's own Nexus support. */
public final class Callers {
    private Callers() {}

    /**
     * One untyped call.
     *
     * @param endpoint the Nexus endpoint
     * @param operation the operation name
     * @param input the input
     * @param timeoutSeconds schedule-to-close timeout of the operation
     * @param cancelAfterStart start, wait until started, then cancel and wait for the outcome
     */
    public record Call(String endpoint, String operation, String input, int timeoutSeconds, boolean cancelAfterStart) {
        static Call of(String endpoint, String operation, String input) {
            return new Call(endpoint, operation, input, 60, false);
        }
    }

    /**
     * Makes one call and describes the outcome: "ok:RESULT" or "failure:Class(message) <- Cause(message)...", an
     * ApplicationFailure as "ApplicationFailure[type]{first detail}(message)".
     */
    @WorkflowInterface
    public interface CallerWorkflow {
        @WorkflowMethod
        String call(Call call);
    }

    /** Implementation of {@link CallerWorkflow}. */
    public static class CallerWorkflowImpl implements CallerWorkflow {
        @Override
        public String call(Call c) {
            NexusServiceStub stub = Workflow.newUntypedNexusServiceStub("greeting", options(c.endpoint(),
                    c.timeoutSeconds()));
            try {
                if (!c.cancelAfterStart()) {
                    return "ok:" + stub.execute(c.operation(), String.class, c.input());
                }
                List<NexusOperationHandle<String>> handle = new ArrayList<>();
                CancellationScope scope = Workflow.newCancellationScope(
                        () -> handle.add(stub.start(c.operation(), String.class, c.input())));
                scope.run();
                handle.get(0).getExecution().get(); // started: the token is known
                scope.cancel();
                return "ok:" + handle.get(0).getResult().get();
            } catch (TemporalFailure e) {
                return "failure:" + chain(e);
            }
        }
    }

    /** Calls the record-typed operation. */
    @WorkflowInterface
    public interface WelcomeCaller {
        @WorkflowMethod
        Greeting.Welcome call(String endpoint, Greeting.Person person);
    }

    /** Implementation of {@link WelcomeCaller}. */
    public static class WelcomeCallerImpl implements WelcomeCaller {
        @Override
        public Greeting.Welcome call(String endpoint, Greeting.Person person) {
            return Workflow.newUntypedNexusServiceStub("greeting", options(endpoint, 30))
                    .execute("welcome", Greeting.Welcome.class, person);
        }
    }

    /** Calls the official-annotation contract through Temporal's TYPED stub. */
    @WorkflowInterface
    public interface TypedCaller {
        @WorkflowMethod
        String call(String endpoint, String input);
    }

    /** Implementation of {@link TypedCaller}. */
    public static class TypedCallerImpl implements TypedCaller {
        @Override
        public String call(String endpoint, String input) {
            OfficialGreeting svc = Workflow.newNexusServiceStub(OfficialGreeting.class, options(endpoint, 30));
            Greeting.Welcome welcome = svc.greet(new Greeting.Person(input, 41));
            return svc.shout(input) + " / " + welcome.text() + " / " + welcome.luckyNumber();
        }
    }

    static NexusServiceOptions options(String endpoint, int timeoutSeconds) {
        return NexusServiceOptions.newBuilder().setEndpoint(endpoint).setOperationOptions(NexusOperationOptions
                .newBuilder().setScheduleToCloseTimeout(Duration.ofSeconds(timeoutSeconds)).build()).build();
    }

    static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            String message = t instanceof TemporalFailure ? ((TemporalFailure) t).getOriginalMessage() : t.getMessage();
            sb.append(t.getClass().getSimpleName());
            if (t instanceof ApplicationFailure) {
                // the type and the first detail: what a failure converter must carry from the handler to here
                ApplicationFailure af = (ApplicationFailure) t;
                sb.append('[').append(af.getType()).append(']');
                if (af.getDetails() != null && af.getDetails().getSize() > 0) {
                    String detail;
                    try {
                        detail = af.getDetails().get(0, String.class);
                    } catch (RuntimeException notAString) {
                        detail = "?";
                    }
                    sb.append('{').append(detail).append('}');
                }
            }
            sb.append('(').append(message).append(')');
        }
        return sb.toString();
    }
}
