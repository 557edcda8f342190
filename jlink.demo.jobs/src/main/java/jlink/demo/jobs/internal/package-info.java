/**
 * The {@code @BackgroundJob} kind and the handler it builds per operation; not exported, found by the engine with
 * {@link java.util.ServiceLoader}. Written against {@code nexusrpc.spi} and {@code nexusrpc.api} only: completion
 * callbacks go through {@link nexusrpc.api.handler.OperationContext#completionCallback()}, whatever the transport.
 */
package jlink.demo.jobs.internal;
