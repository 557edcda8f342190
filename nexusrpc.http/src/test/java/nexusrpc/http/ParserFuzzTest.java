package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import nexusrpc.api.Link;
import nexusrpc.handler.transport.NexusDurations;
import nexusrpc.http.internal.LinkHeaders;
import nexusrpc.http.internal.PercentCoding;
import nexusrpc.http.internal.WireJson;

/**
 * Fuzz tests of every parser that reads peer input (issue 10, item 6). In {@code mvn verify} each replays its
 * committed corpus ({@code src/test/resources/nexusrpc/http/ParserFuzzTestInputs/<method>/}) as a regression test;
 * {@code JAZZER_FUZZ=1} fuzzes for real (docs/http.md says how). The property checked everywhere: a parser
 * refuses input only with {@link IllegalArgumentException} (which the transports answer BAD_REQUEST), never with
 * another exception (an INTERNAL answer, or a dead thread), and what it accepts survives a round trip.
 */
class ParserFuzzTest {
    private static final CallbackUrlPolicy NO_DNS = CallbackUrlPolicy.builder().resolveHosts(false).build();

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    @FuzzTest
    void linkHeaders(byte[] data) {
        List<Link> links;
        try {
            links = LinkHeaders.parse(List.of(text(data).split("\n", -1)));
        } catch (IllegalArgumentException refused) {
            return;
        }
        for (Link l : links) {
            assertEquals(List.of(l), LinkHeaders.parse(List.of(LinkHeaders.format(l))));
        }
    }

    @FuzzTest
    void durations(byte[] data) {
        Duration d;
        try {
            d = NexusDurations.parse(text(data));
        } catch (IllegalArgumentException refused) {
            return;
        }
        if (!d.isNegative()) {
            assertEquals(d.toMillis(), NexusDurations.parse(NexusDurations.format(d)).toMillis());
        }
    }

    @FuzzTest
    void percentDecoding(byte[] data) {
        String raw = text(data);
        try {
            String decoded = PercentCoding.decodeSegment(raw);
            assertEquals(decoded, PercentCoding.decodeSegment(PercentCoding.encodeSegment(decoded)));
        } catch (IllegalArgumentException refused) {
            // refused: fine
        }
        try {
            PercentCoding.parseQuery(raw);
        } catch (IllegalArgumentException refused) {
            // refused: fine
        }
    }

    @FuzzTest
    void failureJson(byte[] data) {
        try {
            WireJson.parseFailure(data);
        } catch (IllegalArgumentException refused) {
            // refused: fine
        }
        try {
            WireJson.parseOperationInfo(data);
        } catch (IllegalArgumentException refused) {
            // refused: fine
        }
    }

    @FuzzTest
    void callbackUrls(byte[] data) {
        try {
            NO_DNS.check(text(data));
        } catch (IllegalArgumentException refused) {
            // refused: fine
        }
    }

    /** An address and its IPv4-mapped IPv6 form are judged alike; every address gets a verdict. */
    @FuzzTest
    void specialAddresses(byte[] data) throws UnknownHostException {
        if (data.length < 4) {
            return;
        }
        byte[] v4 = java.util.Arrays.copyOf(data, 4);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(v4, 0, mapped, 12, 4);
        InetAddress a = InetAddress.getByAddress(v4);
        for (boolean denyPrivate : new boolean[] {false, true}) {
            assertEquals(SpecialAddresses.denied(a, denyPrivate),
                    SpecialAddresses.denied(java.net.Inet6Address.getByAddress(null, mapped, -1), denyPrivate));
        }
        if (data.length >= 16) {
            SpecialAddresses.denied(InetAddress.getByAddress(java.util.Arrays.copyOf(data, 16)), true);
        }
    }

    /** The request router and every header parser of the server, through a whole exchange (see FakeExchange). */
    @FuzzTest
    void requests(byte[] data) {
        FakeExchange.serve(data);
    }
}
