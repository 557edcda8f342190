package temporal.nexus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import nexusrpc.api.handler.OperationKindAnnotation;

/**
 * An update-backed operation: the annotated method describes an update of a running workflow ({@link
 * UpdateStart}). The kind sends the update (its id is the Nexus request id unless given, so a retried start does
 * not update twice) and waits for it within the request's deadline: if it completes in time the operation
 * completes synchronously with the update's result (or fails with its failure); otherwise the start returns an
 * operation token of Temporal's update type ({@code t = 3}), and fetchInfo/fetchResult follow the update.
 *
 * <p>Completion of the asynchronous case reaches a Temporal caller only if the server delivers Nexus completion
 * callbacks attached to updates (the callback is attached to the update request); Temporal's in-process test
 * server (1.38) does not, so there the caller waits until its operation timeout. Updates cannot be canceled:
 * cancel answers {@code NOT_IMPLEMENTED}.
 *
 * <p>Shapes as for {@link WorkflowRunOperation}, returning {@code UpdateStart<O>}; {@link
 * UpdateStart#withStart} starts the workflow first unless it already runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@OperationKindAnnotation
public @interface UpdateOperation {}
