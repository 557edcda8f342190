package temporal.nexus;

import java.util.Objects;

/**
 * What an {@link UpdateOperation} method returns: the workflow to update, the update's name and arguments.
 * Immutable.
 *
 * @param <O> the update's result type, which is the operation's output type
 */
public final class UpdateStart<O> {
    private final String workflowId;
    private final String updateName;
    private final Object[] args;
    private final String updateId;
    private final WorkflowStart<?> start;

    private UpdateStart(String workflowId, String updateName, Object[] args, String updateId, WorkflowStart<?> start) {
        this.workflowId = Objects.requireNonNull(workflowId, "workflowId");
        this.updateName = Objects.requireNonNull(updateName, "updateName");
        this.args = args == null ? new Object[0] : args.clone();
        this.updateId = updateId;
        this.start = start;
    }

    /** Update {@code updateName} of the running workflow {@code workflowId} with {@code args}. */
    public static <O> UpdateStart<O> of(String workflowId, String updateName, Object... args) {
        return new UpdateStart<>(workflowId, updateName, args, null, null);
    }

    /**
     * Update-with-start: start the workflow {@code start} describes unless it already runs (its options' workflow
     * id, conflict policy {@code USE_EXISTING}), then update it. The two steps are separate requests, each
     * deduplicated by the Nexus request id, so a retried start neither starts twice nor updates twice; if the
     * update is rejected, the started workflow stays.
     */
    public static <O> UpdateStart<O> withStart(WorkflowStart<?> start, String updateName, Object... args) {
        Objects.requireNonNull(start, "start");
        String id = start.options().getWorkflowId();
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("the WorkflowStart of an update-with-start needs a workflow id");
        }
        return new UpdateStart<>(id, updateName, args, null, start);
    }

    /** This update with an explicit update id (default: the Nexus request id, which dedupes retried starts). */
    public UpdateStart<O> withUpdateId(String id) {
        return new UpdateStart<>(workflowId, updateName, args, Objects.requireNonNull(id, "id"), start);
    }

    /** The workflow to start first (update-with-start), or {@code null}. */
    public WorkflowStart<?> workflowStart() {
        return start;
    }

    /** The workflow to update. */
    public String workflowId() {
        return workflowId;
    }

    /** The update name. */
    public String updateName() {
        return updateName;
    }

    /** The update arguments (a copy). */
    public Object[] args() {
        return args.clone();
    }

    /** The explicit update id, or {@code null}. */
    public String updateId() {
        return updateId;
    }
}
