package temporal.nexus.internal.kinds;

import java.lang.annotation.Annotation;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;
import temporal.nexus.WorkflowRunOperation;
import temporal.nexus.WorkflowStart;
import temporal.nexus.internal.KindMethod;

/** The {@link WorkflowRunOperation} kind: operations backed by a workflow run. */
public final class WorkflowRunOperationKind implements OperationKind {
    @Override
    public String spiVersion() {
        return OperationKind.SPI_VERSION;
    }

    /** Creates the kind (ServiceLoader). */
    public WorkflowRunOperationKind() {}

    @Override
    public Class<? extends Annotation> annotation() {
        return WorkflowRunOperation.class;
    }

    @Override
    public OperationHandler<?, ?> createHandler(OperationBinding binding) {
        KindMethod method = KindMethod.check(binding, name(), WorkflowStart.class);
        return WorkflowRunHandler.forWorkflowStart(method, binding.operation().outputType());
    }
}
