/**
 * The Nexus RPC engine and the transport contract: registers service implementations, validates them against
 * their contracts, and dispatches requests to the operation handlers built by {@link nexusrpc.spi.OperationKind}
 * plugins.
 *
 * <p>Owns the extension points' discovery ({@code uses}) and provides its own default kinds, the manual
 * ({@code @OperationImpl}) and sync shorthand ({@code @SyncOperation}) styles, like Helidon's SPI owners.
 * Transports (HTTP, Temporal, the in-memory one here) are written against {@code nexusrpc.handler.transport}
 * only; this module reads no network or HTTP module, so a Temporal-only worker links without them.
 */
module nexusrpc.handler {
    requires transitive nexusrpc.api;
    // OperationKind and OperationBinding appear in NexusHandler.Builder#kind
    requires transitive nexusrpc.spi;
    // JacksonSerializer.create(ObjectMapper) is public API
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports nexusrpc.handler;
    exports nexusrpc.handler.transport;
    exports nexusrpc.handler.client;
    exports nexusrpc.handler.testing;
    exports nexusrpc.handler.security;

    uses nexusrpc.spi.OperationKind;
    uses nexusrpc.spi.ContractReader;

    provides nexusrpc.spi.OperationKind with
            nexusrpc.handler.internal.ManualOperationKind,
            nexusrpc.handler.internal.SyncOperationKind;
}
