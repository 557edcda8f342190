package nexusrpc.handler.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import nexusrpc.api.handler.CallerPrincipal;

/**
 * Authenticates {@code Authorization: Bearer <token>} against a set of accepted tokens, each mapped to the
 * principal name of its holder. The set can be replaced at run time with {@link #rotate(Map)} (e.g. from the job
 * that reloads your secrets): calls arriving after it returns are checked against the new set only.
 *
 * <p>Only SHA-256 digests of the tokens are kept; a presented token is digested and compared with every accepted
 * digest with {@link MessageDigest#isEqual} (constant time, no early exit), so neither the comparison's timing nor a
 * heap dump gives the tokens away. A request without a bearer token is not recognised (for {@link
 * CallerAuthenticator#firstOf}); one with an unknown token is refused. Principals have the scheme {@value #SCHEME}.
 * Thread-safe.
 */
public final class BearerTokenAuthenticator implements CallerAuthenticator {
    /** The scheme of the principals this authenticator establishes. */
    public static final String SCHEME = "bearer";
    private static final String PREFIX = "bearer ";

    /** Replaced whole by {@link #rotate}: a request sees one consistent set. */
    private volatile Accepted accepted;

    private BearerTokenAuthenticator(Accepted accepted) {
        this.accepted = accepted;
    }

    /**
     * Accepts the given tokens.
     *
     * @param tokensToPrincipals each accepted token and the principal name of its holder
     */
    public static BearerTokenAuthenticator create(Map<String, String> tokensToPrincipals) {
        return new BearerTokenAuthenticator(Accepted.of(tokensToPrincipals));
    }

    /** Replaces the accepted tokens; tokens not in {@code tokensToPrincipals} are refused from now on. */
    public void rotate(Map<String, String> tokensToPrincipals) {
        this.accepted = Accepted.of(tokensToPrincipals);
    }

    @Override
    public Authentication authenticate(AuthenticationRequest request) {
        String header = request.headers().get("authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Authentication.notRecognized();
        }
        String token = header.substring(PREFIX.length()).strip();
        if (token.isEmpty()) {
            return Authentication.refused("empty bearer token");
        }
        Accepted current = accepted;
        byte[] digest = sha256(token);
        String match = null;
        for (int i = 0; i < current.digests.length; i++) {
            // every digest is compared, so the time taken does not say which one matched
            if (MessageDigest.isEqual(digest, current.digests[i]) && match == null) {
                match = current.names[i];
            }
        }
        return match == null ? Authentication.refused("bearer token not accepted")
                : Authentication.authenticated(CallerPrincipal.of(match, SCHEME));
    }

    @Override
    public String toString() {
        return "BearerTokenAuthenticator[" + accepted.digests.length + " tokens]";
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The digests of the accepted tokens and their principals' names, index by index. */
    private static final class Accepted {
        final byte[][] digests;
        final String[] names;

        private Accepted(byte[][] digests, String[] names) {
            this.digests = digests;
            this.names = names;
        }

        static Accepted of(Map<String, String> tokensToPrincipals) {
            byte[][] digests = new byte[tokensToPrincipals.size()][];
            String[] names = new String[digests.length];
            int i = 0;
            for (Map.Entry<String, String> e : tokensToPrincipals.entrySet()) {
                String token = Objects.requireNonNull(e.getKey(), "token");
                if (token.isBlank()) {
                    throw new IllegalArgumentException("an accepted bearer token must not be blank (principal "
                            + e.getValue() + ")");
                }
                digests[i] = sha256(token.strip());
                names[i] = Objects.requireNonNull(e.getValue(), "principal name");
                i++;
            }
            return new Accepted(digests, names);
        }
    }
}
