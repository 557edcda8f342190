package jlink.demo.services;

import nexusrpc.handler.Middleware;
import nexusrpc.handler.transport.TransportObserver;

/**
 * What {@code nexus-demo serve --trace} installs: tracing middleware for the handler and an observer for the HTTP
 * server, from a provider found with {@code ServiceLoader}. The image's launcher puts the provider (the
 * OpenTelemetry SDK and a span printer, in {@code lib/trace}) on the class path when {@code --trace} is given:
 * OpenTelemetry's jars are not modules, so they cannot be linked into the image, and this module never reads them.
 */
public interface DemoTracing extends AutoCloseable {
    /** Middleware for the demo's handler. */
    Middleware middleware();

    /** The observer of the HTTP server (and its completion sender). */
    TransportObserver observer();

    /** Flushes what is left to print. */
    @Override
    void close();
}
