/**
 * Testing service implementations without a server: {@link nexusrpc.handler.testing.NexusTestHarness} calls them
 * through the real dispatcher, in memory.
 */
@Api.Stable
package nexusrpc.handler.testing;

import nexusrpc.api.Api;
