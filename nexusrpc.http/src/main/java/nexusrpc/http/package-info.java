/**
 * Nexus over HTTP on the JDK alone: {@link nexusrpc.http.NexusHttpServer} serves a {@code NexusHandler} on
 * {@code com.sun.net.httpserver}; {@link nexusrpc.http.NexusHttpClient} calls one with {@code java.net.http}
 * and backs the typed client; {@link nexusrpc.http.CompletionSender} delivers completions of asynchronous
 * operations to callback URLs (guarded by a {@link nexusrpc.http.CallbackUrlPolicy}), and {@link
 * nexusrpc.http.CompletionReceiver} takes them in on the caller's side.
 */
package nexusrpc.http;
