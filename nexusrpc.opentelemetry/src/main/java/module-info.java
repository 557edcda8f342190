/**
 * OpenTelemetry for Nexus: server spans and metrics for every call the engine dispatches (a {@code Middleware}),
 * client spans for every attempt a transport sends, W3C trace context and baggage in request headers, completion
 * callbacks and Temporal Nexus tasks, and the transports' own metrics (a {@code TransportObserver}).
 *
 * <p>Reads the OpenTelemetry API only: the application, or the OpenTelemetry Java agent, brings the SDK. No other
 * module of the SDK reads OpenTelemetry: transports and the engine offer hooks, this module fills them. The API jars
 * are automatic modules ({@code io.opentelemetry.api}, {@code io.opentelemetry.context}).
 */
module nexusrpc.opentelemetry {
    requires transitive nexusrpc.handler;
    // NexusTelemetry.create(OpenTelemetry) is public API
    requires transitive io.opentelemetry.api;
    requires io.opentelemetry.context;
    requires org.slf4j;

    exports nexusrpc.opentelemetry;
}
