package temporal.nexus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import nexusrpc.api.handler.OperationKindAnnotation;

/**
 * A signal-with-start operation: the annotated method describes a workflow and a signal ({@link
 * SignalWithStart}); the kind starts the workflow unless it already runs, sends it the signal, and the operation
 * completes when that workflow completes.
 *
 * <pre>{@code
 * @SignalWithStartOperation
 * public SignalWithStart<CartTotal> addItem(AddItem input) {
 *     return SignalWithStart.<CartTotal>of("Cart", WorkflowOptions.newBuilder().setWorkflowId("cart-" + input.cartId()).build())
 *             .signal("add", input.item());
 * }
 * }</pre>
 *
 * <p>Shapes as for {@link WorkflowRunOperation}. The workflow is started with {@code
 * WorkflowIdConflictPolicy.USE_EXISTING} and attaches the caller's request id, completion callback and links to
 * a workflow already running. Start and signal are two requests, each deduplicated by the Nexus request id, so a
 * retried start neither starts a second workflow nor signals twice. Token, cancel, fetchInfo and fetchResult are
 * those of {@link WorkflowRunOperation}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@OperationKindAnnotation
public @interface SignalWithStartOperation {}
