package temporal.nexus.tests;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The workflows that back the operations, run by a normal Temporal Worker beside the Nexus worker. */
public final class Workflows {
    private Workflows() {}

    /** Completes with a greeting after a short sleep, so the completion arrives through the callback. */
    @WorkflowInterface
    public interface HelloWorkflow {
        @WorkflowMethod(name = "HelloWorkflow")
        String run(String name);
    }

    /** Implementation of {@link HelloWorkflow}. */
    public static class HelloWorkflowImpl implements HelloWorkflow {
        @Override
        public String run(String name) {
            Workflow.sleep(Duration.ofMillis(200));
            return "hello " + name;
        }
    }

    /** Runs until cancelled. */
    @WorkflowInterface
    public interface BlockingWorkflow {
        @WorkflowMethod(name = "BlockingWorkflow")
        String run(String id);
    }

    /** Implementation of {@link BlockingWorkflow}. */
    public static class BlockingWorkflowImpl implements BlockingWorkflow {
        @Override
        public String run(String id) {
            Workflow.await(() -> false); // a cancel makes this throw CanceledFailure: the workflow ends CANCELED
            return "unreachable";
        }
    }

    /** Accepts updates until told to stop. */
    @WorkflowInterface
    public interface CounterWorkflow {
        @WorkflowMethod(name = "CounterWorkflow")
        int run();

        @UpdateMethod(name = "bump")
        String bump(String by);

        @UpdateMethod(name = "bumpSlowly")
        String bumpSlowly(String by);

        @UpdateMethod(name = "refuse")
        String refuse(String item);

        @SignalMethod(name = "stop")
        void stop();
    }

    /** Implementation of {@link CounterWorkflow}. */
    public static class CounterWorkflowImpl implements CounterWorkflow {
        private int count;
        private boolean stopped;

        @Override
        public int run() {
            Workflow.await(() -> stopped);
            return count;
        }

        @Override
        public String bump(String by) {
            count++;
            return "bumped " + by + " to " + count;
        }

        @Override
        public String bumpSlowly(String by) {
            Workflow.sleep(Duration.ofSeconds(2));
            count++;
            return "slowly bumped " + by + " to " + count;
        }

        @Override
        public String refuse(String item) {
            // fails the update (not the workflow) with a type and details the caller must get back
            throw ApplicationFailure.newNonRetryableFailure("out of stock: " + item, "OutOfStock", "sku-" + item);
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** Waits for an item signal, then completes with it. */
    @WorkflowInterface
    public interface CartWorkflow {
        @WorkflowMethod(name = "CartWorkflow")
        String run(String owner);

        @SignalMethod(name = "add")
        void add(String item);
    }

    /** Implementation of {@link CartWorkflow}. */
    public static class CartWorkflowImpl implements CartWorkflow {
        private String item;

        @Override
        public String run(String owner) {
            Workflow.await(() -> item != null);
            return owner + " got " + item;
        }

        @Override
        public void add(String item) {
            this.item = item;
        }
    }

    /** Welcomes a person (a record in, a record out). */
    @WorkflowInterface
    public interface WelcomeWorkflow {
        @WorkflowMethod(name = "WelcomeWorkflow")
        Greeting.Welcome run(Greeting.Person person);
    }

    /** Implementation of {@link WelcomeWorkflow}. */
    public static class WelcomeWorkflowImpl implements WelcomeWorkflow {
        @Override
        public Greeting.Welcome run(Greeting.Person person) {
            return new Greeting.Welcome("welcome " + person.name() + " (by workflow)", person.age() + 1);
        }
    }

    /** Like {@link HelloWorkflow} but takes a few seconds. */
    @WorkflowInterface
    public interface PatientHelloWorkflow {
        @WorkflowMethod(name = "PatientHelloWorkflow")
        String run(String name);
    }

    /** Implementation of {@link PatientHelloWorkflow}. */
    public static class PatientHelloWorkflowImpl implements PatientHelloWorkflow {
        @Override
        public String run(String name) {
            Workflow.sleep(Duration.ofSeconds(3));
            return "hello " + name;
        }
    }
}
