package nexusrpc.api.handler;

/**
 * Options of a fetchInfo request. Nothing beyond the context today; a type of its own so options can be added
 * without breaking handlers.
 */
public record FetchInfoOptions() {}
