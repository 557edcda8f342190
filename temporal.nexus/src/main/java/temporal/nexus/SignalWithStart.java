package temporal.nexus;

import io.temporal.client.WorkflowOptions;
import java.util.Objects;

/**
 * What a {@link SignalWithStartOperation} method returns: a workflow (type, options, arguments) and the signal to
 * send it. Immutable; {@link #signal(String, Object...)} returns a copy.
 *
 * @param <O> the workflow's result type, which is the operation's output type
 */
public final class SignalWithStart<O> {
    private final String workflowType;
    private final Class<?> workflowInterface;
    private final WorkflowOptions options;
    private final Object[] workflowArgs;
    private final String signalName;
    private final Object[] signalArgs;

    private SignalWithStart(String workflowType, Class<?> workflowInterface, WorkflowOptions options,
            Object[] workflowArgs, String signalName, Object[] signalArgs) {
        this.workflowType = workflowType;
        this.workflowInterface = workflowInterface;
        this.options = Objects.requireNonNull(options, "options");
        this.workflowArgs = workflowArgs == null ? new Object[0] : workflowArgs.clone();
        this.signalName = signalName;
        this.signalArgs = signalArgs == null ? new Object[0] : signalArgs.clone();
    }

    /** A workflow of the given type name; the workflow id in {@code options} is required. */
    public static <O> SignalWithStart<O> of(String workflowType, WorkflowOptions options, Object... workflowArgs) {
        return new SignalWithStart<>(Objects.requireNonNull(workflowType, "workflowType"), null, options,
                workflowArgs, null, null);
    }

    /** A workflow of the given {@code @WorkflowInterface}; the workflow id in {@code options} is required. */
    public static <O> SignalWithStart<O> of(Class<?> workflowInterface, WorkflowOptions options,
            Object... workflowArgs) {
        return new SignalWithStart<>(null, Objects.requireNonNull(workflowInterface, "workflowInterface"), options,
                workflowArgs, null, null);
    }

    /** This description with the signal to send (required). */
    public SignalWithStart<O> signal(String name, Object... args) {
        return new SignalWithStart<>(workflowType, workflowInterface, options, workflowArgs,
                Objects.requireNonNull(name, "name"), args);
    }

    /** The workflow type name, or {@code null} when given by interface. */
    public String workflowType() {
        return workflowType;
    }

    /** The workflow interface, or {@code null} when given by type name. */
    public Class<?> workflowInterface() {
        return workflowInterface;
    }

    /** The workflow options as given. */
    public WorkflowOptions options() {
        return options;
    }

    /** The workflow arguments (a copy). */
    public Object[] workflowArgs() {
        return workflowArgs.clone();
    }

    /** The signal name, or {@code null} if none was set. */
    public String signalName() {
        return signalName;
    }

    /** The signal arguments (a copy). */
    public Object[] signalArgs() {
        return signalArgs.clone();
    }
}
