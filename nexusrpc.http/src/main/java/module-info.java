/**
 * The Nexus HTTP transport: {@link nexusrpc.http.NexusHttpServer} serves any {@code NexusEndpoint} (usually a
 * {@code NexusHandler}) over {@code com.sun.net.httpserver}; {@link nexusrpc.http.NexusHttpClient} calls a remote
 * endpoint with {@code java.net.http}; {@link nexusrpc.http.CompletionSender} and {@link
 * nexusrpc.http.CompletionReceiver} carry completion callbacks, guarded by {@link nexusrpc.http.CallbackUrlPolicy}.
 *
 * <p>Written against the engine's transport contract ({@code nexusrpc.handler.transport}) only: no engine
 * internals. Wire helpers live in the non-exported {@code nexusrpc.http.internal}.
 */
module nexusrpc.http {
    requires transitive nexusrpc.handler;
    // CompletionReceiver is an HttpHandler; NexusHttpClient and CompletionSender accept an HttpClient
    requires transitive jdk.httpserver;
    requires transitive java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports nexusrpc.http;
}
