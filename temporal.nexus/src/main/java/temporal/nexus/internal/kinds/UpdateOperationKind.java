package temporal.nexus.internal.kinds;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
import io.temporal.api.update.v1.Input;
import io.temporal.api.update.v1.Meta;
import io.temporal.api.update.v1.Outcome;
import io.temporal.api.update.v1.UpdateRef;
import io.temporal.api.update.v1.WaitPolicy;
import io.temporal.api.workflowservice.v1.PollWorkflowExecutionUpdateRequest;
import io.temporal.api.workflowservice.v1.UpdateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.UpdateWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.FailureException;
import nexusrpc.api.HandlerException;
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
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;
import temporal.nexus.UpdateOperation;
import temporal.nexus.UpdateStart;
import temporal.nexus.WorkflowStart;
import temporal.nexus.internal.JavaTypes;
import temporal.nexus.internal.KindMethod;
import temporal.nexus.internal.OperationToken;
import temporal.nexus.internal.TemporalContext;
import temporal.nexus.internal.TemporalErrors;
import temporal.nexus.internal.TemporalFailures;
import temporal.nexus.internal.TemporalLinks;

/** The {@link UpdateOperation} kind: operations backed by a workflow update. */
public final class UpdateOperationKind implements OperationKind {
    @Override
    public String spiVersion() {
        return OperationKind.SPI_VERSION;
    }

    /** Creates the kind (ServiceLoader). */
    public UpdateOperationKind() {}

    @Override
    public Class<? extends Annotation> annotation() {
        return UpdateOperation.class;
    }

    @Override
    public OperationHandler<?, ?> createHandler(OperationBinding binding) {
        KindMethod method = KindMethod.check(binding, name(), UpdateStart.class);
        return new UpdateHandler(method, binding.operation().outputType());
    }

    /** Serves one update-backed operation. */
    static final class UpdateHandler implements OperationHandler<Object, Object> {
        /** Time kept back from the request deadline to make sure the update is accepted and to reply. */
        private static final Duration MARGIN = Duration.ofSeconds(1);
        /** How long to wait for completion when the request has no deadline. */
        private static final Duration NO_DEADLINE_WAIT = Duration.ofSeconds(10);
        /** How long a look at an update's state (ACCEPTED stage: answered at once for a known update) may take. */
        private static final Duration INFO_WAIT = Duration.ofSeconds(5);
        private static final WaitPolicy COMPLETED = WaitPolicy.newBuilder().setLifecycleStage(
                UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED).build();
        private static final WaitPolicy ACCEPTED = WaitPolicy.newBuilder().setLifecycleStage(
                UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED).build();

        private final KindMethod method;
        private final Type outputType;
        private final Class<?> outputClass;

        UpdateHandler(KindMethod method, Type outputType) {
            this.method = method;
            this.outputType = outputType;
            this.outputClass = JavaTypes.rawClass(outputType);
        }

        @Override
        public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                throws OperationException {
            WorkflowClient client = TemporalContext.client(ctx);
            UpdateStart<?> us = (UpdateStart<?>) method.invoke(ctx, input);
            String namespace = TemporalContext.namespace(client);
            String updateId = us.updateId() != null ? us.updateId()
                    : options.requestId() != null ? options.requestId() : UUID.randomUUID().toString();
            String token = OperationToken.workflowUpdate(namespace, us.workflowId(), updateId).encode();
            DataConverter dc = client.getOptions().getDataConverter();
            List<io.temporal.api.common.v1.Link> links = TemporalLinks.toTemporal(options.links());
            io.temporal.api.update.v1.Request.Builder update = io.temporal.api.update.v1.Request.newBuilder()
                    .setMeta(Meta.newBuilder().setUpdateId(updateId).setIdentity(client.getOptions().getIdentity()))
                    .setInput(input(us, dc))
                    .addAllLinks(links);
            if (options.requestId() != null) {
                update.setRequestId(options.requestId());
            }
            if (options.callbackUrl() != null) {
                update.addCompletionCallbacks(TemporalContext.callback(ctx, options, token, links));
            }
            UpdateWorkflowExecutionRequest.Builder request = UpdateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(namespace)
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(us.workflowId()))
                    .setRequest(update);
            if (us.workflowStart() != null) {
                startWorkflow(us.workflowStart(), client, ctx, options, token);
            }
            Duration left = ctx.timeRemaining().orElse(NO_DEADLINE_WAIT.plus(MARGIN));
            Duration wait = left.minus(MARGIN);
            String what = "updating workflow " + us.workflowId();
            if (!wait.isNegative() && !wait.isZero()) {
                try {
                    UpdateWorkflowExecutionResponse r = send(client, request.setWaitPolicy(COMPLETED), wait);
                    if (r.hasOutcome()) {
                        return StartResult.sync(result(r.getOutcome(), dc, us.workflowId()));
                    }
                    return StartResult.async(token); // accepted, not completed within the wait
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                        throw TemporalErrors.rethrow(e, what);
                    }
                }
            }
            // not completed within the wait: make sure it is accepted before handing out the token
            try {
                UpdateWorkflowExecutionResponse r = send(client, request.setWaitPolicy(ACCEPTED),
                        ctx.timeRemaining().orElse(MARGIN));
                if (r.hasOutcome()) {
                    return StartResult.sync(result(r.getOutcome(), dc, us.workflowId()));
                }
                return StartResult.async(token);
            } catch (StatusRuntimeException e) {
                throw TemporalErrors.rethrow(e, what);
            }
        }

        /** The "with start" step: start the workflow unless it runs; the request id makes a retry a no-op. */
        private void startWorkflow(WorkflowStart<?> ws, WorkflowClient client, OperationContext ctx,
                StartOptions options, String token) {
            WorkflowOptions completed = TemporalContext.complete(ws.options(), ctx, options, token, true, false,
                    method.where());
            try {
                TemporalContext.withinRequest(ctx, () -> ws.start(client, completed));
            } catch (RuntimeException e) {
                throw TemporalErrors.rethrow(e, "starting workflow " + completed.getWorkflowId());
            }
        }

        private static UpdateWorkflowExecutionResponse send(WorkflowClient client,
                UpdateWorkflowExecutionRequest.Builder request, Duration wait) {
            return client.getWorkflowServiceStubs().blockingStub()
                    .withDeadlineAfter(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)
                    .updateWorkflowExecution(request.build());
        }

        private static Input.Builder input(UpdateStart<?> us, DataConverter dc) {
            Input.Builder in = Input.newBuilder().setName(us.updateName());
            Optional<Payloads> args = dc.toPayloads(us.args());
            args.ifPresent(in::setArgs);
            return in;
        }


        private Object result(Outcome outcome, DataConverter dc, String workflowId) throws OperationException {
            if (outcome.hasFailure()) {
                // the update's own failure is the cause, whole: a Temporal caller gets its ApplicationFailure type,
                // details and causes back (FailureMapping unpacks it), as the workflow-run kind's callers do
                io.temporal.api.failure.v1.Failure failure = outcome.getFailure();
                throw OperationException.failed("update of workflow " + workflowId + " failed: "
                        + failure.getMessage(), new FailureException(TemporalFailures.toNexus(
                                TemporalFailures.withoutStackTraces(failure))));
            }
            return dc.fromPayloads(0, Optional.of(outcome.getSuccess()), outputClass, outputType);
        }

        @Override
        public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token) {
            WorkflowClient client = TemporalContext.client(ctx);
            OperationToken t = decode(client, token);
            Outcome outcome = poll(client, t, ACCEPTED, INFO_WAIT);
            OperationState state = outcome == null ? OperationState.RUNNING
                    : outcome.hasFailure() ? OperationState.FAILED : OperationState.SUCCEEDED;
            return new OperationInfo(token, state);
        }

        @Override
        public Object fetchResult(OperationContext ctx, FetchResultOptions options, String token)
                throws OperationException {
            WorkflowClient client = TemporalContext.client(ctx);
            OperationToken t = decode(client, token);
            // no wait: ask for the ACCEPTED stage, which answers at once (with the outcome if there is one), and give
            // the call time to reach the server; a deadline of (almost) zero would expire on the way
            Outcome outcome = options.timeout().isZero()
                    ? poll(client, t, ACCEPTED, ctx.timeRemaining().filter(left -> !left.isZero()).orElse(INFO_WAIT))
                    : poll(client, t, COMPLETED, options.timeout());
            if (outcome == null) {
                throw new OperationStillRunningException();
            }
            return result(outcome, client.getOptions().getDataConverter(), t.workflowId());
        }

        @Override
        public void cancel(OperationContext ctx, CancelOptions options, String token) {
            throw HandlerException.notImplemented("operation \"" + ctx.operation() + "\" is a workflow update,"
                    + " which cannot be canceled");
        }

        /** The update's outcome, or null if it has none yet (including when the wait ran out). */
        private static Outcome poll(WorkflowClient client, OperationToken t, WaitPolicy policy, Duration wait) {
            PollWorkflowExecutionUpdateRequest request = PollWorkflowExecutionUpdateRequest.newBuilder()
                    .setNamespace(t.namespace()).setIdentity(client.getOptions().getIdentity())
                    .setUpdateRef(UpdateRef.newBuilder().setUpdateId(t.updateId())
                            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(t.workflowId())))
                    .setWaitPolicy(policy).build();
            try {
                var r = client.getWorkflowServiceStubs().blockingStub()
                        .withDeadlineAfter(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)
                        .pollWorkflowExecutionUpdate(request);
                return r.hasOutcome() ? r.getOutcome() : null;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                    return null;
                }
                throw TemporalErrors.rethrow(e, "polling update " + t.updateId() + " of workflow "
                        + t.workflowId());
            }
        }

        private static OperationToken decode(WorkflowClient client, String token) {
            return OperationToken.decode(token, OperationToken.Type.WORKFLOW_UPDATE, TemporalContext.namespace(client));
        }
    }
}
