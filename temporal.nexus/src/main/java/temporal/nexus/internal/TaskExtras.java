package temporal.nexus.internal;

import java.util.Map;

/**
 * What the Temporal worker knows about a start task beyond the transport-neutral request, handed to this
 * module's operation kinds as a request extension.
 *
 * @param namespace the namespace the task came from
 * @param taskQueue the task queue the worker polls (the default task queue of workflows the operation starts)
 * @param callbackHeaders the completion callback headers exactly as received: the server looks some of them up
 *     case-sensitively, so they must go back unchanged (the neutral request lower-cases header names); {@code
 *     null} when the transport did not keep them (then the request's own callback headers are used)
 */
public record TaskExtras(String namespace, String taskQueue, Map<String, String> callbackHeaders) {}
