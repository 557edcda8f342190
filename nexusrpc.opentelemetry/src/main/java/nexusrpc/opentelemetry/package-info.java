/**
 * OpenTelemetry traces, metrics and context propagation for Nexus: {@link nexusrpc.opentelemetry.NexusTelemetry}
 * gives the middleware for a {@code NexusHandler} and the observer for every transport's builder.
 */
package nexusrpc.opentelemetry;
