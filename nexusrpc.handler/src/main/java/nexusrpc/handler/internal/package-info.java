/** The engine's implementation: registration, routing, deadlines, built-in kinds. Not exported. */
package nexusrpc.handler.internal;
