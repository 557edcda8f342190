package nexusrpc.http;

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
 * allow-list (if one is set), its host resolves, and none of the addresses it resolves to is denied.
 *
 * <p><b>Denied addresses.</b> Always: every range of IANA's IPv4 and IPv6 special-purpose address registries
 * other than loopback and private-use networks: "this network" ({@code 0.0.0.0/8}), shared address space (CGNAT,
 * {@code 100.64.0.0/10}, which holds Alibaba Cloud's metadata endpoint {@code 100.100.100.200}), link-local ({@code
 * 169.254.0.0/16} with the metadata endpoint {@code 169.254.169.254}, {@code fe80::/10}), IETF protocol
 * assignments, documentation, benchmarking, AS112, AMT, the 6to4 relay anycast, multicast, reserved and broadcast
 * ({@code 240.0.0.0/4}); in IPv6 the unspecified address, IPv4-compatible ({@code ::/96}), NAT64 ({@code
 * 64:ff9b::/96}, {@code 64:ff9b:1::/48}), discard-only, Teredo ({@code 2001::/32}) and the other {@code 2001::/23}
 * assignments, documentation ({@code 2001:db8::/32}, {@code 3fff::/20}), 6to4 ({@code 2002::/16}), segment routing,
 * multicast, and AWS's metadata endpoint {@code fd00:ec2::254}. IPv4-mapped IPv6 addresses ({@code ::ffff:0:0/96})
 * are judged as the IPv4 address they carry. Loopback ({@code 127.0.0.0/8}, {@code ::1}) and private-use networks
 * ({@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, unique-local {@code fc00::/7}) are allowed
 * by default so that callers on the same host or network work out of the box, and denied with {@link
 * Builder#denyPrivateAddresses(boolean)}: do that (or set an allow-list) on a server callers reach from the
 * internet.
 *
 * <p><b>Resolution.</b> Host names are resolved when the check runs (the completion sender checks before every
 * attempt); a name that does not resolve is refused. The completion sender then connects to an address this
 * check accepted, not to a second resolution of the name (which DNS rebinding could point elsewhere): see {@link
 * CompletionSender}. Immutable, thread-safe.
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
        return checked(url).uri();
    }

    /**
     * A URL that passed the policy, with the addresses its host resolved to then (all of them allowed; empty when
     * the policy does not resolve names and the host is not an IP literal).
     */
    record Checked(URI uri, List<InetAddress> addresses) {}

    /** Checks a callback URL and keeps the addresses that were checked. */
    Checked checked(String url) {
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
                throw new IllegalArgumentException("the callback host \"" + host + "\" does not resolve");
            }
            for (InetAddress a : addresses) {
                String why = SpecialAddresses.denied(a, denyPrivate);
                if (why != null) {
                    throw new IllegalArgumentException("the callback host \"" + host + "\" is not allowed: it resolves to "
                            + why + " address " + a.getHostAddress());
                }
            }
            return new Checked(uri, List.of(addresses));
        }
        return new Checked(uri, List.of());
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static java.util.function.Predicate<String> pattern(String host) {
        return p -> p.startsWith("*.") ? host.endsWith(p.substring(1)) && host.length() > p.length() - 1
                : p.equals(host);
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

        /**
         * Also deny loopback ({@code 127.0.0.0/8}, {@code ::1}), private-use ({@code 10.0.0.0/8}, {@code
         * 172.16.0.0/12}, {@code 192.168.0.0/16}) and unique-local IPv6 ({@code fc00::/7}) addresses (default
         * false: allowed, for callers on the same host or network).
         */
        public Builder denyPrivateAddresses(boolean deny) {
            this.denyPrivate = deny;
            return this;
        }

        /**
         * Whether to resolve host names and apply the address rules to the results (default true). Without it only
         * IP literals are checked against the address rules, names that do not resolve are not refused, and the
         * completion sender connects wherever the name resolves when it connects: only for an allow-list of hosts
         * you control.
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
