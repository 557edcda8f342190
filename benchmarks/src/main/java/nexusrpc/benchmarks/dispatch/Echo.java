package nexusrpc.benchmarks.dispatch;

/**
 * The echo payload, shared by every variant so they read and write exactly the same JSON.
 *
 * @param message the text echoed back
 */
public record Echo(String message) {}
