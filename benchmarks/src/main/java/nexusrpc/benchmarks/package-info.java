/** Benchmarks of the SDK against the official Nexus SDK and the physical limit (not published). */
package nexusrpc.benchmarks;
