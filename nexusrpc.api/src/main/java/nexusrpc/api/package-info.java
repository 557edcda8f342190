/**
 * Service contracts and the values and errors every part of the SDK shares: {@link nexusrpc.api.Service} and
 * {@link nexusrpc.api.Operation} declare a contract, {@link nexusrpc.api.ServiceDefinition} is its parsed form;
 * {@link nexusrpc.api.HandlerException} and {@link nexusrpc.api.OperationException} are the two kinds of failure;
 * {@link nexusrpc.api.Serializer} turns values into {@link nexusrpc.api.Content}. Depends on nothing but {@code
 * java.base}.
 */
@Api.Stable
package nexusrpc.api;
