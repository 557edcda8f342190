/**
 * Nexus over HTTP on the JDK alone: {@link nexusrpc.http.NexusHttpServer} serves a {@code NexusHandler} on
 * {@code com.sun.net.httpserver}; {@link nexusrpc.http.NexusHttpClient} calls one with {@code java.net.http}
 * and backs the typed client; {@link nexusrpc.http.CompletionSender} delivers completions of asynchronous
 * operations to callback URLs (guarded by a {@link nexusrpc.http.CallbackUrlPolicy}), and {@link
 * nexusrpc.http.CompletionReceiver} takes them in on the caller's side.
 *
 * <p>{@link nexusrpc.api.Api.Incubating}: the wire follows the Nexus HTTP protocol, which is before 1.0, and the
 * builders and configuration records are new; a minor release may change them, with a note in its release notes.
 */
@Api.Incubating
package nexusrpc.http;

import nexusrpc.api.Api;
