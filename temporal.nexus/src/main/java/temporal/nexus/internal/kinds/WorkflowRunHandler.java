package temporal.nexus.internal.kinds;

import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nexusrpc.api.FailureException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.OperationState;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import temporal.nexus.WorkflowStart;
import temporal.nexus.internal.JavaTypes;
import temporal.nexus.internal.KindMethod;
import temporal.nexus.internal.OperationToken;
import temporal.nexus.internal.TemporalContext;
import temporal.nexus.internal.TemporalErrors;
import temporal.nexus.internal.TemporalFailures;
import temporal.nexus.internal.TemporalLinks;

/**
 * Serves an operation backed by a workflow run: start runs the user method and starts the workflow it
 * describes; fetchInfo, fetchResult and cancel act on the workflow named by the token. Shared by {@code
 * @WorkflowRunOperation} and {@code @SignalWithStartOperation}.
 *
 * @param <D> what the user method returns: the description of the workflow to start
 */
final class WorkflowRunHandler<D> implements OperationHandler<Object, Object> {
    /** Starts what the user method described; returns the run started (or joined). */
    @FunctionalInterface
    interface RunStarter<D> {
        WorkflowExecution start(D description, WorkflowClient client, OperationContext ctx, StartOptions options,
                String token);
    }

    /** How long a zero-wait fetch may take to read the result of a closed workflow when the request has no deadline. */
    private static final Duration READ_CLOSED_RESULT_WAIT = Duration.ofSeconds(10);

    private final KindMethod method;
    private final Class<?> outputClass;
    private final Type outputType;
    private final Function<D, WorkflowOptions> optionsOf;
    private final RunStarter<D> starter;

    /**
     * A handler starting what {@code method} describes with {@code starter}.
     *
     * @param method the user method, checked to return {@code D}
     * @param outputType the operation's output type: the workflow's result type
     * @param optionsOf the workflow options a description gives (for the workflow id of the token)
     * @param starter starts a description
     */
    WorkflowRunHandler(KindMethod method, Type outputType, Function<D, WorkflowOptions> optionsOf,
            RunStarter<D> starter) {
        this.method = method;
        this.outputType = outputType;
        this.outputClass = JavaTypes.rawClass(outputType);
        this.optionsOf = optionsOf;
        this.starter = starter;
    }

    /** The handler of a {@code @WorkflowRunOperation} method. */
    static WorkflowRunHandler<WorkflowStart<?>> forWorkflowStart(KindMethod method, Type outputType) {
        return new WorkflowRunHandler<WorkflowStart<?>>(method, outputType, WorkflowStart::options,
                (ws, client, ctx, options, token) -> ws.start(client,
                        TemporalContext.complete(ws.options(), ctx, options, token, false, method.where())));
    }

    @Override
    public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
            throws OperationException {
        WorkflowClient client = TemporalContext.client(ctx);
        @SuppressWarnings("unchecked") // KindMethod.check made sure the method returns a D
        D description = (D) method.invoke(ctx, input);
        String namespace = TemporalContext.namespace(client);
        String workflowId = TemporalContext.workflowId(optionsOf.apply(description), method.where());
        String token = OperationToken.workflowRun(namespace, workflowId).encode();
        WorkflowExecution run;
        try {
            run = TemporalContext.withinRequest(ctx, () -> starter.start(description, client, ctx, options, token));
        } catch (RuntimeException e) {
            throw TemporalErrors.rethrow(e, "starting workflow " + workflowId);
        }
        return new StartResult.Async<>(token, List.of(TemporalLinks.workflowStarted(namespace, workflowId,
                run.getRunId())));
    }

    @Override
    public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token) {
        WorkflowClient client = TemporalContext.client(ctx);
        return new OperationInfo(token, state(status(ctx, client, decode(client, token))));
    }

    @Override
    public Object fetchResult(OperationContext ctx, FetchResultOptions options, String token)
            throws OperationException {
        WorkflowClient client = TemporalContext.client(ctx);
        String workflowId = decode(client, token);
        Duration wait = options.timeout();
        if (wait.isZero()) {
            // a long poll of (almost) no time would expire on the way to the server even for a closed workflow:
            // ask for the state instead, and read the result of a closed workflow with time to spare
            if (state(status(ctx, client, workflowId)) == OperationState.RUNNING) {
                throw new OperationStillRunningException();
            }
            wait = ctx.timeRemaining().filter(left -> !left.isZero()).orElse(READ_CLOSED_RESULT_WAIT);
        }
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
        try {
            return stub.getResult(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS, outputClass, outputType);
        } catch (TimeoutException e) {
            throw new OperationStillRunningException();
        } catch (WorkflowFailedException e) {
            throw outcome(e, workflowId, client.getOptions().getDataConverter());
        } catch (WorkflowException | StatusRuntimeException e) {
            throw TemporalErrors.rethrow(e, "fetching the result of workflow " + workflowId);
        }
    }

    /** The status of the workflow's latest run. */
    private static WorkflowExecutionStatus status(OperationContext ctx, WorkflowClient client, String workflowId) {
        DescribeWorkflowExecutionRequest request = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(TemporalContext.namespace(client))
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build();
        try {
            return TemporalContext.withinRequest(ctx, () -> client.getWorkflowServiceStubs().blockingStub()
                    .describeWorkflowExecution(request).getWorkflowExecutionInfo().getStatus());
        } catch (StatusRuntimeException e) {
            throw TemporalErrors.rethrow(e, "describing workflow " + workflowId);
        }
    }

    @Override
    public void cancel(OperationContext ctx, CancelOptions options, String token) {
        WorkflowClient client = TemporalContext.client(ctx);
        String workflowId = decode(client, token);
        try {
            TemporalContext.withinRequest(ctx, () -> {
                client.newUntypedWorkflowStub(workflowId).cancel();
                return null;
            });
        } catch (RuntimeException e) {
            throw TemporalErrors.rethrow(e, "cancelling workflow " + workflowId);
        }
    }

    private static String decode(WorkflowClient client, String token) {
        return OperationToken.decode(token, OperationToken.Type.WORKFLOW_RUN, TemporalContext.namespace(client))
                .workflowId();
    }

    /**
     * The operation outcome of a workflow that did not complete successfully: canceled, or failed with the
     * workflow's own failure as the cause, whole (message, ApplicationFailure type and details, cause chain; stack
     * traces left out, as the engine's switch decides about its own). It travels in the Nexus failure the way
     * Temporal carries it ({@link TemporalFailures}), so a caller over HTTP gets what a Temporal caller gets through
     * the completion, and a Temporal caller fetching through a front door gets it back as a Temporal failure.
     */
    static OperationException outcome(WorkflowFailedException e, String workflowId, DataConverter converter) {
        Throwable cause = e.getCause();
        if (cause instanceof CanceledFailure) {
            return OperationException.canceled("workflow " + workflowId + " was canceled",
                    causeOf((CanceledFailure) cause, converter));
        }
        String what = cause instanceof TerminatedFailure ? " was terminated"
                : cause instanceof TimeoutFailure ? " timed out" : " failed";
        String why = cause == null ? "" : ": " + failureMessage(cause);
        return OperationException.failed("workflow " + workflowId + what + why,
                cause instanceof TemporalFailure ? causeOf((TemporalFailure) cause, converter) : null);
    }

    /**
     * The Temporal failure as the converter writes it: for a failure read from the server (as this one is) the
     * converter gives back the failure it was read from, details payloads and causes included.
     */
    private static FailureException causeOf(TemporalFailure f, DataConverter converter) {
        io.temporal.api.failure.v1.Failure proto = converter.exceptionToFailure(f);
        return new FailureException(TemporalFailures.toNexus(TemporalFailures.withoutStackTraces(proto)));
    }

    /** A Temporal failure's own message (not its class name or stack), which the workflow author wrote. */
    private static String failureMessage(Throwable t) {
        if (t instanceof TemporalFailure) {
            return ((TemporalFailure) t).getOriginalMessage();
        }
        return String.valueOf(t.getMessage());
    }

    private static OperationState state(WorkflowExecutionStatus status) {
        switch (status) {
            case WORKFLOW_EXECUTION_STATUS_COMPLETED:
                return OperationState.SUCCEEDED;
            case WORKFLOW_EXECUTION_STATUS_FAILED:
            case WORKFLOW_EXECUTION_STATUS_TERMINATED:
            case WORKFLOW_EXECUTION_STATUS_TIMED_OUT:
                return OperationState.FAILED;
            case WORKFLOW_EXECUTION_STATUS_CANCELED:
                return OperationState.CANCELED;
            default:
                return OperationState.RUNNING; // running, or continued as new (the chain goes on)
        }
    }
}
