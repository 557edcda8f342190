/**
 * The caller's contract: {@link nexusrpc.api.client.ServiceClient} calls the operations of a contract interface by
 * method reference, whatever transport carries the calls; {@link nexusrpc.api.client.CallOptions} sets a call's
 * timeout, headers and callback.
 */
@Api.Stable
package nexusrpc.api.client;

import nexusrpc.api.Api;
