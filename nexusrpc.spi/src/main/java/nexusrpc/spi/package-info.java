/**
 * The extension points: {@link nexusrpc.spi.OperationKind} (a style of writing operations, found with {@link
 * java.util.ServiceLoader}) with the {@link nexusrpc.spi.OperationBinding} the engine resolves for it, {@link
 * nexusrpc.spi.StartMethod} for kinds whose methods take {@code (ctx?, input?)}, and {@link
 * nexusrpc.spi.ContractReader} for contracts written with other annotations.
 */
@Api.ForTransports
package nexusrpc.spi;

import nexusrpc.api.Api;
