package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The callback URL policy against every special-purpose range (issue 10: metadata addresses in CGNAT and ULA, and
 * 169.254.169.254 embedded in NAT64, 6to4 and IPv4-compatible forms passed; unresolvable names passed).
 */
class CallbackPolicyTest {
    private static final CallbackUrlPolicy DEFAULTS = CallbackUrlPolicy.defaults();
    private static final CallbackUrlPolicy NO_PRIVATE = CallbackUrlPolicy.builder().denyPrivateAddresses(true).build();

    @ParameterizedTest
    @ValueSource(strings = {
        // cloud metadata endpoints: AWS (v4, v6), Alibaba (in CGNAT)
        "169.254.169.254", "[fd00:ec2::254]", "100.100.100.200",
        // 169.254.169.254 embedded: NAT64 well-known and local-use, 6to4, IPv4-compatible, IPv4-mapped
        "[64:ff9b::a9fe:a9fe]", "[64:ff9b:1::a9fe:a9fe]", "[2002:a9fe:a9fe::1]", "[::a9fe:a9fe]",
        "[::ffff:a9fe:a9fe]", "[::ffff:169.254.169.254]",
        // the rest of the IPv4 registry
        "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.254", "192.0.0.170", "192.0.2.1", "192.31.196.1",
        "192.52.193.1", "192.88.99.1", "192.175.48.1", "198.18.0.1", "198.19.255.255", "198.51.100.1",
        "203.0.113.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        // the rest of the IPv6 registry
        "[::]", "[100::1]", "[2001::1]", "[2001:db8::1]", "[2001:10::1]", "[3fff::1]", "[5f00::1]", "[fe80::1]",
        "[fec0::1]", "[ff02::1]"})
    void specialPurposeAddressesAreAlwaysDenied(String host) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.check("http://" + host + "/cb"));
        assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "[::1]", "[fc00::1]", "[fd12:3456::1]", "[::ffff:10.0.0.1]", "localhost"})
    void privateAddressesAreAllowedByDefaultAndDeniedOnRequest(String host) {
        DEFAULTS.check("http://" + host + "/cb");
        assertThrows(IllegalArgumentException.class, () -> NO_PRIVATE.check("http://" + host + "/cb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.0", "172.32.0.1", "198.20.0.1",
        "[2606:4700:4700::1111]", "[2001:4860:4860::8888]", "[2003::1]"})
    void publicAddressesAreAllowed(String host) {
        assertEquals(URI.create("https://" + host + "/cb"), NO_PRIVATE.check("https://" + host + "/cb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-host.invalid", "callbacks.nonexistent.invalid"})
    void namesThatDoNotResolveAreRefused(String host) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.check("https://" + host + "/cb"));
        assertTrue(e.getMessage().contains("does not resolve"), e.getMessage());
    }
}
