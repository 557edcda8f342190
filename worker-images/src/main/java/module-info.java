/**
 * The applications of the production worker images: a sample Nexus service ({@code echo}) and its HTTP worker
 * ({@link worker.images.http.HttpWorker}, linked into {@code target/http-image}); the Temporal worker of the same
 * service runs on the class path of {@code target/temporal-image} (Temporal's jars split packages).
 */
module worker.images {
    // transitive: the exported EchoServiceImpl returns a NexusHandler, and the contract carries the SDK's annotations
    requires transitive nexusrpc.http;

    // the engine resolves the implementation with method handles; the Temporal worker (class path) reuses both
    exports worker.images.service;
    // Jackson binds the payload record
    opens worker.images.service to com.fasterxml.jackson.databind;
}
