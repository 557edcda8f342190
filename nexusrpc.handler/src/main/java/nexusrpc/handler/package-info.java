/**
 * The engine: {@link nexusrpc.handler.NexusHandler} registers and validates service implementations and serves
 * them to any transport; {@link nexusrpc.handler.Middleware} wraps every operation; {@link
 * nexusrpc.handler.JacksonSerializer} is the default serializer.
 */
@Api.Stable
package nexusrpc.handler;

import nexusrpc.api.Api;
