package temporal.nexus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import nexusrpc.api.handler.OperationKindAnnotation;

/**
 * A workflow-backed operation: the annotated method describes a workflow to start ({@link WorkflowStart}); the
 * operation is asynchronous and completes when that workflow completes.
 *
 * <pre>{@code
 * @WorkflowRunOperation
 * public WorkflowStart<HelloOutput> hello(OperationContext ctx, HelloInput input) {
 *     return WorkflowStart.of(HelloWorkflow.class, wf -> wf.run(input),
 *             WorkflowOptions.newBuilder().setWorkflowId("hello-" + input.name()).build());
 * }
 * }</pre>
 *
 * <p>Shapes: {@code WorkflowStart<O> op(OperationContext ctx, I input)}, {@code (I input)}, {@code
 * (OperationContext ctx)} or {@code ()}. The kind adds what Nexus needs to the options: the request id (a retried
 * start yields the same run), the caller's completion callback and links, and, with {@code
 * WorkflowIdConflictPolicy.USE_EXISTING}, attaches all three to a workflow already running. The task queue
 * defaults to the worker's. The result is an operation token in Temporal's format and a link to the workflow.
 * Cancel cancels the workflow; fetchInfo and fetchResult read its state and result. For a custom cancel, write
 * the operation in the manual style ({@code @OperationImpl}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@OperationKindAnnotation
public @interface WorkflowRunOperation {}
