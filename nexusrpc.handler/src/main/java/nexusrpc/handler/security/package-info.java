/**
 * Caller authentication and authorization for every transport: a {@link
 * nexusrpc.handler.security.CallerAuthenticator} turns a request's headers and {@link
 * nexusrpc.handler.transport.TransportPeer} into a {@link nexusrpc.api.handler.CallerPrincipal} (or refuses it), a
 * {@link nexusrpc.handler.security.CallerAuthorizer} decides per service, operation and verb. Both are installed on
 * {@link nexusrpc.handler.NexusHandler.Builder}; the engine runs them before routing, decoding the input or calling
 * the handler, and answers refusals {@code UNAUTHENTICATED} / {@code UNAUTHORIZED} without saying why (the reason is
 * logged at DEBUG). Built in: {@link nexusrpc.handler.security.BearerTokenAuthenticator} (rotatable tokens, compared
 * by digest in constant time), {@link nexusrpc.handler.security.CertificateAuthenticator} (an allow-list of
 * names of verified mutual-TLS client certificates) and {@link nexusrpc.handler.security.AccessRules}.
 */
@Api.Incubating
package nexusrpc.handler.security;

import nexusrpc.api.Api;
