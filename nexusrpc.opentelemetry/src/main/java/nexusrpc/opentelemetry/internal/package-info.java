/** The spans, instruments and propagation behind {@code NexusTelemetry}; not exported. */
package nexusrpc.opentelemetry.internal;
