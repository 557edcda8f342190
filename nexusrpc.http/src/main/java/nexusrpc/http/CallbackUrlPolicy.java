package nexusrpc.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which callback URLs a handler may send completions to: the guard against server-side request forgery (a caller
 * making the handler POST to internal addresses such as a cloud metadata endpoint).
 *
 * <p>A URL is allowed when it is an absolute URL with a host, its scheme is allowed, its host matches the host
 * allow-list (if one is set), and none of the addresses the host resolves to is denied.
 *
 * <p><b>The default</b> ({@link #defaults()}): schemes {@code http} and {@code https}; any host; denied are
 * link-local addresses ({@code 169.254.0.0/16}, which holds the cloud metadata endpoints, and {@code fe80::/10}),
 * the unspecified addresses ({@code 0.0.0.0}, {@code ::}) and multicast addresses. Loopback and private networks
 * are allowed so that callers on the same host or network work out of the box. In production, prefer an explicit
 * allow-list: {@code CallbackUrlPolicy.builder().allowHosts("callbacks.example.com", "*.corp.example").build()},
 * and add {@link Builder#denyPrivateAddresses(boolean)} when callers are on the public internet.
 *
 * <p>Addresses are checked by resolving the host when the check runs (the completion sender checks before every
 * attempt); a host whose name does not resolve is let through to fail at connection time. Immutable, thread-safe.
 */
public final class CallbackUrlPolicy {
    private static final CallbackUrlPolicy DEFAULTS = builder().build();

    private final Set<String> schemes;
    private final List<String> hosts;
    private final boolean denyPrivate;
    private final boolean resolve;

    private CallbackUrlPolicy(Builder b) {
        this.schemes = Set.copyOf(b.schemes);
        this.hosts = List.copyOf(b.hosts);
        this.denyPrivate = b.denyPrivate;
        this.resolve = b.resolve;
    }

    /** The documented default policy (see the class description). */
    public static CallbackUrlPolicy defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a callback URL.
     *
     * @return the parsed URL
     * @throws IllegalArgumentException saying why the URL is not allowed
     */
    public URI check(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the callback URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the callback URL \"" + url + "\" is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "the callback URL \"" + url + "\" must be an absolute URL with a host, e.g. https://host/path");
        }
        if (!schemes.contains(scheme)) {
            throw new IllegalArgumentException("the callback URL scheme \"" + scheme + "\" is not allowed: use one of "
                    + new java.util.TreeSet<>(schemes));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!hosts.isEmpty() && hosts.stream().noneMatch(pattern(host))) {
            throw new IllegalArgumentException("the callback host \"" + host + "\" is not in the allowed hosts");
        }
        if (resolve || isIpLiteral(host)) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                return uri;
            }
            for (InetAddress a : addresses) {
                String why = denied(a);
                if (why != null) {
                    throw new IllegalArgumentException("the callback host \"" + host + "\" is not allowed: it resolves to "
                            + why + " address " + a.getHostAddress());
                }
            }
        }
        return uri;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static java.util.function.Predicate<String> pattern(String host) {
        return p -> p.startsWith("*.") ? host.endsWith(p.substring(1)) && host.length() > p.length() - 1
                : p.equals(host);
    }

    private String denied(InetAddress a) {
        if (a.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified";
        }
        if (a.isMulticastAddress()) {
            return "a multicast";
        }
        if (denyPrivate) {
            if (a.isLoopbackAddress()) {
                return "a loopback";
            }
            if (a.isSiteLocalAddress()) {
                return "a private";
            }
            if (a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc) {
                return "a unique-local";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "CallbackUrlPolicy[schemes=" + schemes + ", hosts=" + (hosts.isEmpty() ? "any" : hosts)
                + ", denyPrivate=" + denyPrivate + "]";
    }

    /** Builds a {@link CallbackUrlPolicy}. Not thread-safe. */
    public static final class Builder {
        private final Set<String> schemes = new LinkedHashSet<>(List.of("http", "https"));
        private final List<String> hosts = new ArrayList<>();
        private boolean denyPrivate;
        private boolean resolve = true;

        private Builder() {}

        /**
         * Replaces the allowed schemes (default {@code http}, {@code https}); e.g. {@code allowSchemes("https")}.
         *
         * @throws IllegalArgumentException for none, or a scheme other than http and https (the only ones the
         *     completion sender can call)
         */
        public Builder allowSchemes(String... allowed) {
            Set<String> chosen = new LinkedHashSet<>();
            for (String s : allowed) {
                String scheme = Objects.requireNonNull(s, "scheme").toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new IllegalArgumentException("callback scheme \"" + s + "\" cannot be allowed: completions"
                            + " are sent over http or https only");
                }
                chosen.add(scheme);
            }
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("allow at least one callback scheme (http or https)");
            }
            schemes.clear();
            schemes.addAll(chosen);
            return this;
        }

        /**
         * Restricts callbacks to these hosts: exact names or IP literals, or {@code *.example.com} for any
         * subdomain. Without this call every host is allowed (subject to the address rules).
         */
        public Builder allowHosts(String... allowed) {
            for (String h : allowed) {
                hosts.add(h.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** Also deny loopback, private (RFC 1918) and unique-local IPv6 addresses (default false). */
        public Builder denyPrivateAddresses(boolean deny) {
            this.denyPrivate = deny;
            return this;
        }

        /**
         * Whether to resolve host names and apply the address rules to the results (default true). Without it only
         * IP literals are checked against the address rules.
         */
        public Builder resolveHosts(boolean on) {
            this.resolve = on;
            return this;
        }

        /** The policy. */
        public CallbackUrlPolicy build() {
            if (schemes.isEmpty()) {
                throw new IllegalArgumentException("allow at least one callback URL scheme");
            }
            return new CallbackUrlPolicy(this);
        }
    }
}
