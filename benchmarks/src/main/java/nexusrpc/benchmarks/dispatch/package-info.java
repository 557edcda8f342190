/**
 * Part 1: in-process dispatch of a sync echo operation with JSON in and out, through our dispatcher, the
 * official SDK's {@code ServiceHandler} and the limit (Jackson read, direct call, Jackson write).
 */
package nexusrpc.benchmarks.dispatch;
