package reliability.tests;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The workflows behind {@link Scale}, run by a Temporal worker in the test's JVM. */
public final class ScaleWorkflows {
    static final String HELLO = "ScaleHello";
    static final String HOLD = "ScaleHold";
    static final String FAIL = "ScaleFail";
    /** The ApplicationFailure type of {@link FailImpl}. */
    static final String INVALID_ORDER = "InvalidOrder";

    private ScaleWorkflows() {}

    /** Greets after a few seconds: long enough to kill the front door that started it. */
    @WorkflowInterface
    public interface Hello {
        @WorkflowMethod(name = HELLO)
        String run(String name);
    }

    /** Implementation of {@link Hello}. */
    public static class HelloImpl implements Hello {
        @Override
        public String run(String name) {
            Workflow.sleep(Duration.ofSeconds(3));
            return "hello " + name;
        }
    }

    /** Runs until canceled. */
    @WorkflowInterface
    public interface Hold {
        @WorkflowMethod(name = HOLD)
        String run(String id);
    }

    /** Implementation of {@link Hold}. */
    public static class HoldImpl implements Hold {
        @Override
        public String run(String id) {
            Workflow.await(() -> false); // a cancel makes this throw: the workflow ends CANCELED
            return "unreachable";
        }
    }

    /** Fails at once: an order it cannot take. */
    @WorkflowInterface
    public interface Fail {
        @WorkflowMethod(name = FAIL)
        String run(String orderId);
    }

    /** Implementation of {@link Fail}. */
    public static class FailImpl implements Fail {
        @Override
        public String run(String orderId) {
            throw ApplicationFailure.newNonRetryableFailure("order " + orderId + " is invalid", INVALID_ORDER,
                    orderId, 42);
        }
    }
}
