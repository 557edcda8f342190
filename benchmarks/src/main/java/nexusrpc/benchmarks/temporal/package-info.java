/**
 * Part 3: Nexus sync operations through Temporal's in-process test server, served by our {@code temporal.nexus}
 * worker or by Temporal's own worker with an official-SDK service.
 */
package nexusrpc.benchmarks.temporal;
