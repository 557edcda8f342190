/**
 * Nexus over HTTP on the JDK alone: {@link nexusrpc.handler.http.NexusHttpServer} serves a {@code NexusHandler} on
 * {@code com.sun.net.httpserver}; {@link nexusrpc.handler.http.NexusHttpClient} calls one with {@code java.net.http}
 * and backs the typed client; {@link nexusrpc.handler.http.CompletionSender} delivers completions of asynchronous
 * operations to callback URLs (guarded by a {@link nexusrpc.handler.http.CallbackUrlPolicy}), and {@link
 * nexusrpc.handler.http.CompletionReceiver} takes them in on the caller's side.
 */
package nexusrpc.handler.http;
