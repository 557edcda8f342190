package nexusrpc.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The IANA IPv4 and IPv6 special-purpose address registries (RFC 6890 and later additions), as the callback URL
 * policy judges them: which ranges a completion may never be sent to, and which only with private addresses
 * allowed. Addresses that embed an IPv4 address in a way a host can route (IPv4-mapped) are judged by it; the
 * translation and tunnelling ranges (NAT64, 6to4, Teredo, IPv4-compatible) are denied whole, since what they reach
 * depends on gateways the policy cannot see.
 */
final class SpecialAddresses {
    /** IPv4 ranges always denied: {address, prefix length, what it is}. */
    private static final Range[] V4_DENIED = ranges(new Object[][] {
        {"0.0.0.0", 8, "a \"this network\""},
        {"100.64.0.0", 10, "a shared (carrier-grade NAT)"},
        {"169.254.0.0", 16, "a link-local"},
        {"192.0.0.0", 24, "an IETF protocol assignment"},
        {"192.0.2.0", 24, "a documentation"},
        {"192.31.196.0", 24, "an AS112"},
        {"192.52.193.0", 24, "an AMT"},
        {"192.88.99.0", 24, "a 6to4 relay anycast"},
        {"192.175.48.0", 24, "an AS112"},
        {"198.18.0.0", 15, "a benchmarking"},
        {"198.51.100.0", 24, "a documentation"},
        {"203.0.113.0", 24, "a documentation"},
        {"224.0.0.0", 4, "a multicast"},
        {"240.0.0.0", 4, "a reserved or broadcast"},
    });
    /** IPv4 ranges denied unless private addresses are allowed. */
    private static final Range[] V4_PRIVATE = ranges(new Object[][] {
        {"10.0.0.0", 8, "a private"},
        {"127.0.0.0", 8, "a loopback"},
        {"172.16.0.0", 12, "a private"},
        {"192.168.0.0", 16, "a private"},
    });
    /** IPv6 ranges always denied (IPv4-mapped addresses never get here: they are judged as IPv4). */
    private static final Range[] V6_DENIED = ranges(new Object[][] {
        {"fd00:ec2::254", 128, "a cloud metadata"},
        {"::", 128, "the unspecified"},
        {"::", 96, "an IPv4-compatible"},
        {"64:ff9b::", 96, "a NAT64"},
        {"64:ff9b:1::", 48, "a NAT64 (local-use)"},
        {"100::", 64, "a discard-only"},
        {"2001::", 23, "an IETF protocol assignment (Teredo, ORCHID, benchmarking...)"},
        {"2001:db8::", 32, "a documentation"},
        {"2002::", 16, "a 6to4"},
        {"3fff::", 20, "a documentation"},
        {"5f00::", 16, "a segment routing"},
        {"fe80::", 10, "a link-local"},
        {"fec0::", 10, "a site-local"},
        {"ff00::", 8, "a multicast"},
    });
    /** IPv6 ranges denied unless private addresses are allowed. */
    private static final Range[] V6_PRIVATE = ranges(new Object[][] {
        {"::1", 128, "a loopback"},
        {"fc00::", 7, "a unique-local"},
    });

    /** One range: its first address, prefix length and what it is, for messages. */
    private record Range(byte[] prefix, int bits, String what) {}

    private SpecialAddresses() {}

    private static Range[] ranges(Object[][] table) {
        Range[] out = new Range[table.length];
        for (int i = 0; i < table.length; i++) {
            out[i] = new Range(literal((String) table[i][0]), (Integer) table[i][1], (String) table[i][2]);
        }
        return out;
    }

    /**
     * Why an address is denied (e.g. "a link-local"), or {@code null} if it is allowed.
     *
     * @param denyPrivate whether loopback, private-use and unique-local addresses are denied too
     */
    static String denied(InetAddress a, boolean denyPrivate) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address && isV4Mapped(b)) {
            // Java turns textual ::ffff:a.b.c.d into an Inet4Address, but not every source of addresses does
            byte[] v4 = new byte[4];
            System.arraycopy(b, 12, v4, 0, 4);
            b = v4;
        }
        Range[] denied = b.length == 4 ? V4_DENIED : V6_DENIED;
        Range[] privateRanges = b.length == 4 ? V4_PRIVATE : V6_PRIVATE;
        // the most specific ranges come first in V6_DENIED (::/128 before ::/96), so the message names them
        String why = match(b, denied);
        if (why != null) {
            return why;
        }
        return denyPrivate ? match(b, privateRanges) : null;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static String match(byte[] address, Range[] ranges) {
        for (Range r : ranges) {
            if (r.prefix().length == address.length && inPrefix(address, r.prefix(), r.bits())) {
                if (r.bits() == 96 && r.prefix()[0] == 0 && isLoopbackOrUnspecified(address)) {
                    // ::/96 holds ::1, which is judged as a loopback address, and ::, matched before
                    continue;
                }
                return r.what();
            }
        }
        return null;
    }

    private static boolean isLoopbackOrUnspecified(byte[] b) {
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 0 || b[15] == 1;
    }

    private static boolean inPrefix(byte[] address, byte[] prefix, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (prefix[full] & mask);
    }

    private static byte[] literal(String ip) {
        try {
            // IP literals only: no name lookup happens
            InetAddress a = InetAddress.getByName(ip);
            return a instanceof Inet4Address || a instanceof Inet6Address ? a.getAddress() : new byte[0];
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
