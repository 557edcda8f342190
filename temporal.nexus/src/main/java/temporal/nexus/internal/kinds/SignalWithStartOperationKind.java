package temporal.nexus.internal.kinds;

import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.lang.annotation.Annotation;
import java.util.Optional;
import java.util.UUID;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;
import temporal.nexus.SignalWithStart;
import temporal.nexus.SignalWithStartOperation;
import temporal.nexus.internal.KindMethod;
import temporal.nexus.internal.TemporalContext;
import temporal.nexus.internal.TemporalErrors;
import temporal.nexus.internal.TemporalLinks;

/**
 * The {@link SignalWithStartOperation} kind. Temporal's signal-with-start request cannot carry completion
 * callbacks, so this is a start with {@code USE_EXISTING} (attaching the callback to a running workflow) followed
 * by a signal; both are deduplicated by the Nexus request id.
 */
public final class SignalWithStartOperationKind implements OperationKind {
    @Override
    public String spiVersion() {
        return OperationKind.SPI_VERSION;
    }

    /** Creates the kind (ServiceLoader). */
    public SignalWithStartOperationKind() {}

    @Override
    public Class<? extends Annotation> annotation() {
        return SignalWithStartOperation.class;
    }

    @Override
    public OperationHandler<?, ?> createHandler(OperationBinding binding) {
        KindMethod method = KindMethod.check(binding, name(), SignalWithStart.class);
        return new WorkflowRunHandler<SignalWithStart<?>>(method, binding.operation().outputType(),
                SignalWithStart::options,
                (sws, client, ctx, options, token) -> start(sws, client, ctx, options, token, method.where()));
    }

    private static WorkflowExecution start(SignalWithStart<?> sws, WorkflowClient client, OperationContext ctx,
            StartOptions options, String token, String where) {
        if (sws.signalName() == null) {
            throw TemporalContext.bug(where + " describes no signal: call .signal(name, args...) on the"
                    + " SignalWithStart it returns");
        }
        WorkflowOptions completed = TemporalContext.complete(sws.options(), ctx, options, token, true, where);
        WorkflowStub stub = sws.workflowType() != null
                ? client.newUntypedWorkflowStub(sws.workflowType(), completed)
                : WorkflowStub.fromTyped(client.newWorkflowStub(sws.workflowInterface(), completed));
        WorkflowExecution run = stub.start(sws.workflowArgs());
        // the request id makes a retried signal a no-op on the server
        String signalRequestId = options.requestId() != null ? options.requestId() : UUID.randomUUID().toString();
        Optional<Payloads> input = client.getOptions().getDataConverter().toPayloads(sws.signalArgs());
        SignalWorkflowExecutionRequest.Builder signal = SignalWorkflowExecutionRequest.newBuilder()
                .setNamespace(TemporalContext.namespace(client))
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(run.getWorkflowId()))
                .setSignalName(sws.signalName()).setIdentity(client.getOptions().getIdentity())
                .setRequestId(signalRequestId)
                .addAllLinks(TemporalLinks.toTemporal(options.links()));
        input.ifPresent(signal::setInput);
        try {
            client.getWorkflowServiceStubs().blockingStub().signalWorkflowExecution(signal.build());
        } catch (StatusRuntimeException e) {
            throw TemporalErrors.rethrow(e, "signalling workflow " + run.getWorkflowId());
        }
        return run;
    }
}
