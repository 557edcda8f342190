package nexusrpc.handler.internal;

import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.handler.CallerPrincipal;
import nexusrpc.handler.security.Authentication;
import nexusrpc.handler.security.AuthenticationRequest;
import nexusrpc.handler.security.CallerAuthenticator;
import nexusrpc.handler.security.CallerAuthorizer;
import nexusrpc.handler.security.OperationVerb;
import nexusrpc.handler.transport.TransportPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured authenticator and authorizer for one request. Built once with the handler, and only when one
 * of them is configured: without both, the engine does not call this at all.
 *
 * <p>Refusals carry a fixed message that says nothing about why (which token, which name, whether the operation
 * exists); the why goes to the DEBUG log, without credentials. A throwing authenticator or authorizer is answered
 * INTERNAL, also without detail.
 */
public final class CallerSecurity {
    private static final Logger LOG = LoggerFactory.getLogger(CallerSecurity.class);
    /** The message of every authentication refusal. */
    public static final String UNAUTHENTICATED = "the caller is not authenticated";
    /** The message of every authorization refusal. */
    public static final String UNAUTHORIZED = "the caller is not allowed to make this request";

    private final CallerAuthenticator authenticator;
    private final CallerAuthorizer authorizer;

    /** Either may be {@code null} (not configured), not both. */
    public CallerSecurity(CallerAuthenticator authenticator, CallerAuthorizer authorizer) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
    }

    /**
     * The caller of a request that may proceed.
     *
     * @throws HandlerException {@code UNAUTHENTICATED}, {@code UNAUTHORIZED}, or {@code INTERNAL} when the
     *     authenticator or authorizer failed
     */
    public CallerPrincipal admit(OperationVerb verb, String service, String operation, Headers headers,
            TransportPeer peer) {
        CallerPrincipal caller = CallerPrincipal.anonymous();
        if (authenticator != null) {
            Authentication verdict;
            try {
                verdict = authenticator.authenticate(new AuthenticationRequest(service, operation, verb, headers,
                        peer));
            } catch (RuntimeException | Error e) {
                throw failed("caller authentication", verb, service, operation, e);
            }
            if (verdict == null || verdict.principal().isEmpty()) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} of {}/{} from {} refused UNAUTHENTICATED: {}", verb, service, operation,
                            peer.remoteAddress().map(Object::toString).orElse("an unknown peer"),
                            verdict == null ? "the authenticator answered null"
                                    : verdict.refusal().orElse("no credentials recognised"));
                }
                throw refusal(HandlerException.ErrorType.UNAUTHENTICATED, UNAUTHENTICATED);
            }
            caller = verdict.principal().get();
        }
        if (authorizer != null) {
            boolean allowed;
            try {
                allowed = authorizer.isAllowed(caller, service, operation, verb);
            } catch (RuntimeException | Error e) {
                throw failed("caller authorization", verb, service, operation, e);
            }
            if (!allowed) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} of {}/{} by {} ({}) refused UNAUTHORIZED by the authorizer", verb, service,
                            operation, caller.name(), caller.scheme());
                }
                throw refusal(HandlerException.ErrorType.UNAUTHORIZED, UNAUTHORIZED);
            }
        }
        return caller;
    }

    private static HandlerException refusal(HandlerException.ErrorType type, String message) {
        return new HandlerException(type, message, null, RetryBehavior.NON_RETRYABLE);
    }

    private static HandlerException failed(String what, OperationVerb verb, String service, String operation,
            Throwable e) {
        try {
            LOG.warn("{} of {} of {}/{} failed; the caller gets INTERNAL", what, verb, service, operation, e);
        } catch (Throwable logFailed) {
            // e.g. too little stack left to log: the caller still gets its answer
        }
        return HandlerException.internal(what + " failed (details are in the handler's log)", null);
    }
}
