/**
 * The Nexus RPC engine: registers service implementations, validates them against their contracts, and
 * dispatches requests to the operation handlers built by {@link nexusrpc.spi.OperationKind} plugins.
 *
 * <p>Owns the extension points' discovery ({@code uses}) and provides its own default kinds, the manual
 * ({@code @OperationImpl}) and sync shorthand ({@code @SyncOperation}) styles, like Helidon's SPI owners.
 */
module nexusrpc.handler {
    requires transitive nexusrpc.api;
    // OperationKind and OperationBinding appear in NexusHandler.Builder#kind
    requires transitive nexusrpc.spi;
    // JacksonSerializer.create(ObjectMapper) is public API
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;
    // CompletionReceiver is an HttpHandler; NexusHttpClient and CompletionSender accept an HttpClient
    requires transitive jdk.httpserver;
    requires transitive java.net.http;

    exports nexusrpc.handler;
    exports nexusrpc.handler.client;
    exports nexusrpc.handler.testing;
    exports nexusrpc.handler.http;

    uses nexusrpc.spi.OperationKind;
    uses nexusrpc.spi.ContractReader;

    provides nexusrpc.spi.OperationKind with
            nexusrpc.handler.internal.ManualOperationKind,
            nexusrpc.handler.internal.SyncOperationKind;
}
