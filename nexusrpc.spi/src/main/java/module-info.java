/**
 * The Nexus RPC extension points, in the manner of SLF4J's {@code spi} package: a plugin module {@code requires
 * nexusrpc.spi} and {@code provides nexusrpc.spi.OperationKind with ...}; the handler engine {@code uses} it.
 */
module nexusrpc.spi {
    // kinds build OperationHandlers and read contracts: api types appear in every SPI signature
    requires transitive nexusrpc.api;

    exports nexusrpc.spi;
}
