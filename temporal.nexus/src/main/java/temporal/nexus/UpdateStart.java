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

    private UpdateStart(String workflowId, String updateName, Object[] args, String updateId) {
        this.workflowId = Objects.requireNonNull(workflowId, "workflowId");
        this.updateName = Objects.requireNonNull(updateName, "updateName");
        this.args = args == null ? new Object[0] : args.clone();
        this.updateId = updateId;
    }

    /** Update {@code updateName} of the running workflow {@code workflowId} with {@code args}. */
    public static <O> UpdateStart<O> of(String workflowId, String updateName, Object... args) {
        return new UpdateStart<>(workflowId, updateName, args, null);
    }

    /** This update with an explicit update id (default: the Nexus request id, which dedupes retried starts). */
    public UpdateStart<O> withUpdateId(String id) {
        return new UpdateStart<>(workflowId, updateName, args, Objects.requireNonNull(id, "id"));
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
