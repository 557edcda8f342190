/**
 * Serves Nexus services from Temporal workers ({@link temporal.nexus.TemporalNexusWorker}) and provides
 * Temporal-backed operation kinds: {@link temporal.nexus.WorkflowRunOperation}, {@link
 * temporal.nexus.UpdateOperation}, {@link temporal.nexus.SignalWithStartOperation}; plus a reader of contracts
 * written with the official {@code io.nexusrpc} annotations.
 *
 * <p>On the module path Temporal must be ONE module named {@code temporal.sdk}: its published jars split
 * packages, so merge {@code temporal-sdk} and {@code temporal-serviceclient} into one jar with that
 * {@code Automatic-Module-Name} (see docs/temporal.md). On the class path nothing special is needed.
 */
module temporal.nexus {
    requires transitive nexusrpc.handler;
    // WorkflowClient, WorkflowOptions and DataConverter appear in this module's API
    requires transitive temporal.sdk;
    requires com.google.protobuf;
    // JsonFormat: a Temporal failure inside a Nexus failure is protobuf JSON (the convention of Temporal's SDKs)
    requires com.google.protobuf.util;
    requires io.grpc;
    // the official annotations, read by the contract reader (the jar has no module name of its own)
    requires nexus.sdk;
    requires org.slf4j;

    exports temporal.nexus;

    provides nexusrpc.spi.OperationKind with
            temporal.nexus.internal.kinds.WorkflowRunOperationKind,
            temporal.nexus.internal.kinds.UpdateOperationKind,
            temporal.nexus.internal.kinds.SignalWithStartOperationKind;
    provides nexusrpc.spi.ContractReader with temporal.nexus.internal.OfficialContractReader;
}
