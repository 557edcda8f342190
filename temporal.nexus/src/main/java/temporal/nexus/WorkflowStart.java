package temporal.nexus;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Functions;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a {@link WorkflowRunOperation} (or {@link SignalWithStartOperation}) method returns: which workflow to
 * start, with which arguments and options. The operation kind completes the options (request id, completion
 * callback, links) and starts it.
 *
 * @param <O> the workflow's result type, which is the operation's output type
 */
public final class WorkflowStart<O> {
    /** Starts a described workflow with completed options. */
    @FunctionalInterface
    private interface Starter {
        WorkflowExecution start(WorkflowClient client, WorkflowOptions options);
    }

    private final WorkflowOptions options;
    private final String workflowType;
    private final Object[] args;
    private final Starter starter;

    private WorkflowStart(WorkflowOptions options, String workflowType, Object[] args, Starter starter) {
        this.options = Objects.requireNonNull(options, "options");
        this.workflowType = workflowType;
        this.args = args;
        this.starter = starter;
    }

    /**
     * A workflow started through its typed interface: {@code call} invokes the workflow method on a stub, e.g.
     * {@code wf -> wf.run(input)}.
     *
     * @param workflowInterface the {@code @WorkflowInterface}
     * @param call calls the workflow method once on the stub it is given
     * @param options the workflow options; the workflow id is required
     */
    public static <W, O> WorkflowStart<O> of(Class<W> workflowInterface, Function<W, O> call, WorkflowOptions options) {
        Objects.requireNonNull(workflowInterface, "workflowInterface");
        Objects.requireNonNull(call, "call");
        return new WorkflowStart<>(options, null, null, (client, opts) -> {
            W stub = client.newWorkflowStub(workflowInterface, opts);
            return WorkflowClient.start((Functions.Func<O>) () -> call.apply(stub));
        });
    }

    /** A workflow without result started through its typed interface, e.g. {@code wf -> wf.process(input)}. */
    public static <W> WorkflowStart<Void> ofProcedure(
            Class<W> workflowInterface, Consumer<W> call, WorkflowOptions options) {
        Objects.requireNonNull(workflowInterface, "workflowInterface");
        Objects.requireNonNull(call, "call");
        return new WorkflowStart<>(options, null, null, (client, opts) -> {
            W stub = client.newWorkflowStub(workflowInterface, opts);
            return WorkflowClient.start((Functions.Proc) () -> call.accept(stub));
        });
    }

    /**
     * A workflow started by type name (no stub, no reflection): the fastest form.
     *
     * @param workflowType the workflow type name
     * @param options the workflow options; the workflow id is required
     * @param args the workflow arguments
     */
    public static <O> WorkflowStart<O> ofType(String workflowType, WorkflowOptions options, Object... args) {
        Objects.requireNonNull(workflowType, "workflowType");
        Object[] copy = args == null ? new Object[0] : args.clone();
        return new WorkflowStart<>(options, workflowType, copy,
                (client, opts) -> client.newUntypedWorkflowStub(workflowType, opts).start(copy));
    }

    /** The options as the method gave them. */
    public WorkflowOptions options() {
        return options;
    }

    /** The workflow type name for {@link #ofType} starts; {@code null} for typed ones. */
    public String workflowType() {
        return workflowType;
    }

    /** The arguments of an {@link #ofType} start (a copy); {@code null} for typed ones. */
    public Object[] args() {
        return args == null ? null : args.clone();
    }

    /**
     * Starts the workflow with {@code completedOptions} (the kind passes the method's options plus what Nexus
     * needs). Exposed for kinds and tests; handlers return the description instead of calling this.
     */
    public WorkflowExecution start(WorkflowClient client, WorkflowOptions completedOptions) {
        return starter.start(client, completedOptions);
    }
}
