package nexusrpc.handler.security;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.x500.X500Principal;
import nexusrpc.api.handler.CallerPrincipal;

/**
 * Authenticates mutual-TLS callers by the names in their <em>verified</em> leaf certificate (the transport checked
 * the chain against its trust material during the handshake, see {@link
 * nexusrpc.handler.transport.TransportPeer}): the DNS and URI subject alternative names and the subject's common
 * name are matched against an allow-list; the first name on it becomes the principal's name (scheme {@value
 * #SCHEME}, attribute {@code subject} the subject's distinguished name). DNS names and common names match without
 * case, URIs exactly. A request without a verified certificate is not recognised; a certificate with no allowed
 * name is refused. Thread-safe.
 */
public final class CertificateAuthenticator implements CallerAuthenticator {
    /** The scheme of the principals this authenticator establishes. */
    public static final String SCHEME = "mtls";
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private final Set<String> allowedNames;
    private final Set<String> allowedUris;

    private CertificateAuthenticator(Set<String> allowedNames, Set<String> allowedUris) {
        this.allowedNames = allowedNames;
        this.allowedUris = allowedUris;
    }

    /**
     * Allows certificates carrying one of {@code names}: DNS names or common names (e.g. {@code
     * billing.internal.example}) and URIs (e.g. {@code spiffe://example.org/billing}).
     */
    public static CertificateAuthenticator allowing(Collection<String> names) {
        Set<String> dns = new TreeSet<>();
        Set<String> uris = new TreeSet<>();
        for (String n : names) {
            if (n.contains(":")) {
                uris.add(n);
            } else {
                dns.add(n.toLowerCase(Locale.ROOT));
            }
        }
        return new CertificateAuthenticator(Set.copyOf(dns), Set.copyOf(uris));
    }

    /** Allows certificates carrying one of {@code names}, see {@link #allowing(Collection)}. */
    public static CertificateAuthenticator allowing(String... names) {
        return allowing(List.of(names));
    }

    @Override
    public Authentication authenticate(AuthenticationRequest request) {
        X509Certificate leaf = request.peer().verifiedLeafCertificate().orElse(null);
        if (leaf == null) {
            return Authentication.notRecognized();
        }
        List<String> names = names(leaf);
        for (String n : names) {
            boolean allowed = n.contains(":") ? allowedUris.contains(n)
                    : allowedNames.contains(n.toLowerCase(Locale.ROOT));
            if (allowed) {
                return Authentication.authenticated(new CallerPrincipal(n, SCHEME,
                        Map.of("subject", leaf.getSubjectX500Principal().getName())));
            }
        }
        return Authentication.refused("no name of the client certificate " + names + " is allowed");
    }

    /** The certificate's DNS and URI alternative names, then its subject's common names. */
    static List<String> names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if ((Integer.valueOf(SAN_DNS).equals(type) || Integer.valueOf(SAN_URI).equals(type))
                            && san.get(1) instanceof String s) {
                        names.add(s);
                    }
                }
            }
        } catch (CertificateParsingException unreadable) {
            // a certificate whose extension cannot be read offers no alternative names; its CN may still match
        }
        names.addAll(commonNames(cert.getSubjectX500Principal().getName(X500Principal.RFC2253)));
        return names;
    }

    /**
     * The CN values of an RFC 2253 name, unescaped. Parsed here rather than with {@code javax.naming} so that the
     * engine does not require {@code java.naming} (a Temporal-only jlink image stays small). A hex-encoded value
     * ({@code CN=#04...}) is skipped: it cannot be compared with a host name.
     */
    static List<String> commonNames(String rfc2253) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i <= rfc2253.length(); i++) {
            char c = i < rfc2253.length() ? rfc2253.charAt(i) : ',';
            if (escaped) {
                current.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '+') {
                String rdn = current.toString();
                current.setLength(0);
                if (rdn.regionMatches(true, 0, "CN=", 0, 3) && !rdn.startsWith("#", 3)) {
                    out.add(rdn.substring(3));
                }
            } else {
                current.append(c);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "CertificateAuthenticator" + allowedNames + allowedUris;
    }
}
