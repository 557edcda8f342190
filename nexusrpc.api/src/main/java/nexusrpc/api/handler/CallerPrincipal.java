package nexusrpc.api.handler;

import java.util.Map;
import java.util.Objects;
import nexusrpc.api.Api;

/**
 * Who made a request, as the handler's caller authentication established it: a name (e.g. {@code billing-service}
 * for a bearer token, the matched DNS name of a client certificate), the scheme that established it ({@code bearer},
 * {@code mtls}, or your own) and further facts about the caller. Never the secret itself: a principal may be
 * logged and shown.
 *
 * @param name the caller's name
 * @param scheme how the caller was authenticated ({@value #ANONYMOUS_SCHEME} for {@link #anonymous()})
 * @param attributes further facts about the caller, e.g. the certificate subject; never secrets
 */
@Api.Incubating
public record CallerPrincipal(String name, String scheme, Map<String, String> attributes) {
    /** The scheme of the {@link #anonymous()} principal. */
    public static final String ANONYMOUS_SCHEME = "none";

    private static final CallerPrincipal ANONYMOUS = new CallerPrincipal("anonymous", ANONYMOUS_SCHEME, Map.of());

    /** Rejects {@code null}s and copies the attributes. */
    public CallerPrincipal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scheme, "scheme");
        attributes = Map.copyOf(attributes);
    }

    /** A principal with no attributes. */
    public static CallerPrincipal of(String name, String scheme) {
        return new CallerPrincipal(name, scheme, Map.of());
    }

    /** The caller of a request nobody authenticated (no authentication configured, or anonymous callers allowed). */
    public static CallerPrincipal anonymous() {
        return ANONYMOUS;
    }

    /** Whether this is the {@link #anonymous()} principal. */
    public boolean isAnonymous() {
        return ANONYMOUS_SCHEME.equals(scheme);
    }
}
