package nexusrpc.handler.tests.closed;

/**
 * A payload in a package the tests do not open to Jackson: binding it fails on the module path, the way a user's
 * payload does when {@code opens ... to com.fasterxml.jackson.databind} is forgotten.
 *
 * @param secret a field Jackson cannot reach
 */
public record Sealed(String secret) {}
