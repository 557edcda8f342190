/**
 * The transport contract: what HTTP, Temporal and the in-memory transport are written against, and nothing
 * else of the engine. {@link nexusrpc.handler.transport.NexusEndpoint} answers the four verbs with requests built
 * by builders and sealed outcomes handled with visitors; the one retry policy ({@link
 * nexusrpc.handler.transport.RetryPolicy}), duration grammar ({@link nexusrpc.handler.transport.NexusDurations}),
 * exception-to-outcome factories ({@link nexusrpc.handler.transport.HandlerError#of}, {@link
 * nexusrpc.handler.transport.OperationFailure#of}) and completion delivery ({@link
 * nexusrpc.handler.transport.CompletionDelivery}) are shared by every transport.
 */
@Api.ForTransports
package nexusrpc.handler.transport;

import nexusrpc.api.Api;
