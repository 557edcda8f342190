package nexusrpc.handler.security;

import java.util.List;
import nexusrpc.api.handler.CallerPrincipal;

/**
 * Establishes who sent a request from its headers and what the transport verified about the peer. Installed with
 * {@link nexusrpc.handler.NexusHandler.Builder#authenticator}; the engine calls it for every request of every verb
 * and transport, before routing, decoding the input or calling the handler, on the transport's thread: it must not
 * block for long.
 *
 * <p>A request is refused {@code UNAUTHENTICATED} when the verdict is {@link Authentication#refused} or {@link
 * Authentication#notRecognized} (unless wrapped with {@link #allowingAnonymous()}); an exception thrown here is
 * answered {@code INTERNAL}. Callers are never told why.
 */
@FunctionalInterface
public interface CallerAuthenticator {
    /** The verdict on one request. */
    Authentication authenticate(AuthenticationRequest request);

    /**
     * Asks {@code authenticators} in order; the first that recognises the request's credentials decides
     * (authenticated or refused). When none does, the request is not recognised.
     */
    static CallerAuthenticator firstOf(CallerAuthenticator... authenticators) {
        List<CallerAuthenticator> chain = List.of(authenticators);
        return request -> {
            for (CallerAuthenticator a : chain) {
                Authentication verdict = a.authenticate(request);
                if (verdict.recognized()) {
                    return verdict;
                }
            }
            return Authentication.notRecognized();
        };
    }

    /**
     * This authenticator, except that a request carrying no credentials it recognises is served as {@link
     * CallerPrincipal#anonymous()} (for the authorizer to decide); refused credentials stay refused.
     */
    default CallerAuthenticator allowingAnonymous() {
        CallerAuthenticator self = this;
        return request -> {
            Authentication verdict = self.authenticate(request);
            return verdict.recognized() ? verdict : Authentication.authenticated(CallerPrincipal.anonymous());
        };
    }
}
