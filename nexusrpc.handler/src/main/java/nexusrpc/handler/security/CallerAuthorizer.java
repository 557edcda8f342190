package nexusrpc.handler.security;

import nexusrpc.api.handler.CallerPrincipal;

/**
 * Decides whether a caller may make a request: per service, operation and verb. Installed with {@link
 * nexusrpc.handler.NexusHandler.Builder#authorizer}; the engine asks it after authentication (the caller is {@link
 * CallerPrincipal#anonymous()} when no authenticator is installed or it let an anonymous caller in), before
 * routing: a refused caller learns neither the reason nor whether the operation exists. A refusal is answered
 * {@code UNAUTHORIZED}; an exception thrown here {@code INTERNAL}. Called on the transport's thread: must not block
 * for long. See {@link AccessRules} for a ready-made one.
 */
@FunctionalInterface
public interface CallerAuthorizer {
    /** Whether {@code caller} may perform {@code verb} on {@code service}/{@code operation}. */
    boolean isAllowed(CallerPrincipal caller, String service, String operation, OperationVerb verb);

    /** Allows everything (what the engine does without an authorizer). */
    static CallerAuthorizer allowAll() {
        return (caller, service, operation, verb) -> true;
    }
}
