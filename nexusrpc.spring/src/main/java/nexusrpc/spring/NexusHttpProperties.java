package nexusrpc.spring;

import java.time.Duration;
import java.util.List;
import nexusrpc.http.CallbackUrlPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Nexus HTTP server ({@code nexus.http.*}): started with the application context when {@code enabled}, stopped
 * gracefully with it. Values are checked when they are bound, so a wrong one stops the start-up with a message
 * that names the property ({@code base-path} is checked when the server is built, by the server's own rules).
 *
 * @param enabled Whether to serve the Nexus handler bean over HTTP.
 * @param host Address to listen on. The default accepts connections from this host only; 0.0.0.0 accepts them
 *     from every network.
 * @param port Port to listen on. 0 picks a free port, published as property local.nexus.http.port.
 * @param basePath Path under which services are mounted: {base-path}/{service}/{operation}.
 * @param threads Threads of the server's request pool. Unset: 16, or twice the processors if that is more.
 * @param queueCapacity Requests the pool queues while every thread is busy; more are answered RESOURCE_EXHAUSTED.
 * @param maxBodySize Largest request body accepted; larger ones are refused with 413.
 * @param maxLongPollWait Longest fetchResult long poll; longer waits are shortened to it.
 * @param drainTimeout How long stopping waits for the requests in flight before closing their connections.
 * @param backlog TCP accept backlog. 0 is the system's default.
 * @param callback Which callback URLs completions may be sent to: the guard against server-side request forgery.
 */
@ConfigurationProperties("nexus.http")
public record NexusHttpProperties(
        boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("8090") int port,
        @DefaultValue("/") String basePath,
        Integer threads,
        @DefaultValue("1024") int queueCapacity,
        @DefaultValue("4MB") DataSize maxBodySize,
        @DefaultValue("1m") Duration maxLongPollWait,
        @DefaultValue("10s") Duration drainTimeout,
        @DefaultValue("0") int backlog,
        @DefaultValue Callback callback) {

    /** Checks the values; messages name the property. */
    public NexusHttpProperties {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("nexus.http.host is empty: name an address to listen on, e.g."
                    + " 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("nexus.http.port must be between 0 and 65535 (0: a free port), got "
                    + port);
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("nexus.http.threads must be at least 1, got " + threads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("nexus.http.queue-capacity must be at least 1, got " + queueCapacity);
        }
        if (maxBodySize == null || maxBodySize.isNegative() || maxBodySize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("nexus.http.max-body-size must be between 0B and 2047MB, got "
                    + maxBodySize);
        }
        requireNotNegative("nexus.http.max-long-poll-wait", maxLongPollWait);
        requireNotNegative("nexus.http.drain-timeout", drainTimeout);
        if (backlog < 0) {
            throw new IllegalArgumentException("nexus.http.backlog must be zero or positive, got " + backlog);
        }
        if (callback == null) {
            callback = new Callback(null, null, false, true);
        }
    }

    private static void requireNotNegative(String property, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(property + " must be zero or positive, got " + d);
        }
    }

    /**
     * The callback URL policy ({@code nexus.http.callback.*}), as {@link CallbackUrlPolicy} has it.
     *
     * @param allowedSchemes Schemes callback URLs may use: http, https or both.
     * @param allowedHosts Hosts callbacks may go to: exact names, IP literals, or *.example.com for any subdomain.
     *     Empty allows every host, subject to the address rules.
     * @param denyPrivateAddresses Whether to also deny loopback, private (RFC 1918) and unique-local IPv6
     *     addresses. Link-local (cloud metadata), unspecified and multicast addresses are always denied.
     * @param resolveHosts Whether to resolve host names and apply the address rules to what they resolve to.
     *     Without it only IP literals are checked.
     */
    public record Callback(
            @DefaultValue({"http", "https"}) List<String> allowedSchemes,
            @DefaultValue List<String> allowedHosts,
            boolean denyPrivateAddresses,
            @DefaultValue("true") boolean resolveHosts) {

        /** Checks the values by building the policy; messages name the property. */
        public Callback {
            allowedSchemes = allowedSchemes == null ? List.of("http", "https") : List.copyOf(allowedSchemes);
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
            try {
                CallbackUrlPolicy.builder().allowSchemes(allowedSchemes.toArray(String[]::new));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("nexus.http.callback.allowed-schemes: " + e.getMessage(), e);
            }
            if (allowedHosts.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("nexus.http.callback.allowed-hosts has an empty entry");
            }
        }

        /** The policy these settings describe. */
        public CallbackUrlPolicy toPolicy() {
            return CallbackUrlPolicy.builder()
                    .allowSchemes(allowedSchemes.toArray(String[]::new))
                    .allowHosts(allowedHosts.toArray(String[]::new))
                    .denyPrivateAddresses(denyPrivateAddresses)
                    .resolveHosts(resolveHosts)
                    .build();
        }
    }
}
