/**
 * The handler contract: how a service implementation answers the four Nexus verbs. {@link
 * nexusrpc.api.handler.ServiceImpl} marks an implementation; {@link nexusrpc.api.handler.SyncOperation} is the
 * shorthand for a synchronous operation; {@link nexusrpc.api.handler.OperationImpl} returns a hand-written {@link
 * nexusrpc.api.handler.OperationHandler}; {@link nexusrpc.api.handler.OperationContext} tells a handler about its
 * request and gives an asynchronous one its {@link nexusrpc.api.handler.CompletionCallback}.
 */
@Api.Stable
package nexusrpc.api.handler;

import nexusrpc.api.Api;
