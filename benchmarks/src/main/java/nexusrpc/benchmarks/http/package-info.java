/**
 * Part 2: sync echo over HTTP on loopback, our {@code NexusHttpServer} against a bare {@code
 * com.sun.net.httpserver} handler, driven by a small NIO keep-alive load generator.
 */
package nexusrpc.benchmarks.http;
