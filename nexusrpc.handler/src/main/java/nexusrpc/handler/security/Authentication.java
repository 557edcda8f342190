package nexusrpc.handler.security;

import java.util.Objects;
import java.util.Optional;
import nexusrpc.api.handler.CallerPrincipal;

/**
 * A {@link CallerAuthenticator}'s verdict: the caller is authenticated as a principal, the request carries no
 * credentials this authenticator recognises (the next one in {@link CallerAuthenticator#firstOf} is asked), or it
 * carries credentials that are refused.
 */
public final class Authentication {
    private static final Authentication NOT_RECOGNIZED = new Authentication(null, null);

    private final CallerPrincipal principal;
    private final String refusal;

    private Authentication(CallerPrincipal principal, String refusal) {
        this.principal = principal;
        this.refusal = refusal;
    }

    /** The caller is {@code principal}. */
    public static Authentication authenticated(CallerPrincipal principal) {
        return new Authentication(Objects.requireNonNull(principal, "principal"), null);
    }

    /** The request carries no credentials of this authenticator's kind. */
    public static Authentication notRecognized() {
        return NOT_RECOGNIZED;
    }

    /**
     * The request carries credentials of this authenticator's kind, and they are not accepted.
     *
     * @param reason why, for the handler's DEBUG log only (the caller is told nothing); must not contain the
     *     credentials
     */
    public static Authentication refused(String reason) {
        return new Authentication(null, Objects.requireNonNull(reason, "reason"));
    }

    /** The authenticated caller, if the verdict is {@link #authenticated}. */
    public Optional<CallerPrincipal> principal() {
        return Optional.ofNullable(principal);
    }

    /** Whether the credentials were recognised (authenticated or refused): a chain stops at the first that is. */
    public boolean recognized() {
        return principal != null || refusal != null;
    }

    /** Why the credentials were refused, if they were. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public String toString() {
        return principal != null ? "authenticated " + principal.name()
                : refusal != null ? "refused (" + refusal + ")" : "not recognized";
    }
}
