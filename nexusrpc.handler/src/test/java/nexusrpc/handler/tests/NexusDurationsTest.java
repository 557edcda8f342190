package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import nexusrpc.handler.transport.NexusDurations;
import org.junit.jupiter.api.Test;

/** The one duration grammar: the Nexus protocol's, and Go's, which Temporal's server writes. */
class NexusDurationsTest {
    @Test
    void theNexusProtocolsForms() {
        assertEquals(Duration.ofMillis(500), NexusDurations.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), NexusDurations.parse("1.5s"));
        assertEquals(Duration.ofSeconds(90), NexusDurations.parse("1.5m"));
        assertEquals(Duration.ofSeconds(10), NexusDurations.parse(" 10s "));
    }

    @Test
    void goFormsAsTemporalsServerWritesThem() {
        assertEquals(Duration.ofMillis(60_500), NexusDurations.parse("1m0.5s"));
        assertEquals(Duration.ofNanos(9_998_765_432L), NexusDurations.parse("9.998765432s"));
        assertEquals(Duration.ofNanos(850_000), NexusDurations.parse("850µs"));
        assertEquals(Duration.ofNanos(850_000), NexusDurations.parse("850us"));
        assertEquals(Duration.ofHours(2).plusMinutes(3), NexusDurations.parse("2h3m"));
        assertEquals(Duration.ofNanos(7), NexusDurations.parse("7ns"));
        assertEquals(Duration.ZERO, NexusDurations.parse("0"));
        assertEquals(Duration.ofMillis(-20), NexusDurations.parse("-20ms"), "an expired timeout");
    }

    @Test
    void anythingElseIsRefusedWithTheSyntax() {
        for (String bad : List.of("", "10", "soon", "1.2.3s", "1x", "ms", "s10", "1 s", "--1s", ".s", "1e3ms")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NexusDurations.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("e.g. 500ms, 10s, 1.5m or 1m30s"), e::getMessage);
        }
        assertThrows(IllegalArgumentException.class, () -> NexusDurations.parse(null));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> NexusDurations.parse("9000h"));
        assertTrue(tooLong.getMessage().contains("at most 365 days"), tooLong::getMessage);
        assertThrows(IllegalArgumentException.class, () -> NexusDurations.parse("1".repeat(100) + "s"));
    }

    @Test
    void headersNameThemselvesAndAnAbsentOneIsNoDuration() {
        assertNull(NexusDurations.parseHeader("Request-Timeout", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NexusDurations.parseHeader("Request-Timeout", "soon"));
        assertEquals(NexusDurations.parseHeaderMessage("Request-Timeout", "soon"), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid Request-Timeout header: invalid duration \"soon\""),
                e::getMessage);
        assertNull(NexusDurations.parseHeaderMessage("Request-Timeout", "1s"));
    }

    @Test
    void formatsInWholeMilliseconds() {
        assertEquals("1500ms", NexusDurations.format(Duration.ofMillis(1500)));
        assertEquals("0ms", NexusDurations.format(Duration.ofMillis(-3)));
    }
}
