/**
 * Calling Nexus operations: {@link nexusrpc.handler.client.NexusClient} gives typed clients of contract
 * interfaces and untyped calls by name over any {@code NexusEndpoint}: a local handler in tests, a remote one
 * through a client transport such as {@code nexusrpc.http.NexusHttpClient}.
 */
@Api.Stable
package nexusrpc.handler.client;

import nexusrpc.api.Api;
