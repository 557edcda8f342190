/**
 * Nexus services served by Temporal workers: {@link temporal.nexus.TemporalNexusWorker} polls a task queue and
 * runs Nexus tasks through a {@code NexusHandler}; {@link temporal.nexus.WorkflowRunOperation}, {@link
 * temporal.nexus.UpdateOperation} and {@link temporal.nexus.SignalWithStartOperation} are operation kinds backed
 * by Temporal; {@link temporal.nexus.DataConverterSerializer} converts payloads the way Temporal does; {@link
 * temporal.nexus.WorkflowClientMiddleware} gives Temporal-backed operations a client under other transports.
 *
 * <p>{@link nexusrpc.api.Api.Incubating}: it follows Temporal's Nexus support (task format, tokens, failure forms),
 * which Temporal still extends; a minor release may change it, with a note in its release notes.
 */
@Api.Incubating
package temporal.nexus;

import nexusrpc.api.Api;
