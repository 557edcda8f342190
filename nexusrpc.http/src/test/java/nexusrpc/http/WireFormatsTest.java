package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nexusrpc.api.Failure;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Link;
import nexusrpc.api.RetryBehavior;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.NexusDurations;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.http.internal.HttpTimes;
import nexusrpc.http.internal.LinkHeaders;
import nexusrpc.http.internal.PercentCoding;
import nexusrpc.http.internal.WireErrors;
import nexusrpc.http.internal.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol's text formats: durations, links, escapes, timestamps, failures, backoff, the callback policy.
 * Durations and backoff are the transport contract's {@link NexusDurations} and {@link RetryPolicy}, checked here
 * as the HTTP transport uses them.
 */
class WireFormatsTest {
    @Test
    void durationsParseInAllUnits() {
        assertEquals(Duration.ofMillis(100), NexusDurations.parse("100ms"));
        assertEquals(Duration.ofMillis(1500), NexusDurations.parse("1.5s"));
        assertEquals(Duration.ofSeconds(90), NexusDurations.parse("1.5m"));
        assertEquals(Duration.ZERO, NexusDurations.parse("0s"));
        // Go's forms too, which Temporal's server writes: one grammar for every transport
        assertEquals(Duration.ofMillis(500), NexusDurations.parse(".5s"));
        assertEquals(Duration.ofHours(1), NexusDurations.parse("1h"));
        assertEquals(Duration.ofSeconds(-1), NexusDurations.parse("-1s"));
        assertEquals("1500ms", NexusDurations.format(Duration.ofMillis(1500)));
        assertEquals("0ms", NexusDurations.format(Duration.ofMillis(-3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ms", "1..5s", "--1s", "1d", "s1", "1 s", "1e3ms", "1,5s", "9999999999m"})
    void badDurationsAreRefusedWithTheExpectedSyntax(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NexusDurations.parse(bad));
        assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
    }

    @Test
    void linksRoundTripAndParseRfc8288Lists() {
        Link a = new Link(URI.create("temporal:///namespaces/ns/workflows/w?k=a,b"), "temporal.api.common.v1.Link");
        Link b = new Link(URI.create("urn:x"), "odd \"type\"");
        List<Link> parsed = LinkHeaders.parse(List.of(LinkHeaders.format(a) + " , " + LinkHeaders.format(b),
                "<urn:y>;rel=next;type=plain"));
        assertEquals(List.of(a, b, new Link(URI.create("urn:y"), "plain")), parsed);
        assertEquals(List.of(), LinkHeaders.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "urn:x; type=a", "<urn:x", "<>; type=a", "<urn:x>", "<urn:x>; type=\"a",
            "<urn:x>; type=a <urn:y>", "<urn:x>; =a", "<a b>; type=t"})
    void malformedLinksAreRefused(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinkHeaders.parse(List.of(bad)));
        assertTrue(e.getMessage().startsWith("invalid Nexus-Link header"), e.getMessage());
    }

    @Test
    void pathSegmentsEncodeAndDecodeStrictly() {
        String name = "a/b c+d%é~";
        String encoded = PercentCoding.encodeSegment(name);
        assertEquals("a%2Fb%20c%2Bd%25%C3%A9~", encoded);
        assertEquals(name, PercentCoding.decodeSegment(encoded));
        assertEquals("a+b", PercentCoding.decodeSegment("a+b"));
        assertThrows(IllegalArgumentException.class, () -> PercentCoding.decodeSegment("%4"));
        assertThrows(IllegalArgumentException.class, () -> PercentCoding.decodeSegment("%C3%28"));
        assertEquals(Map.of("a", "1 2", "b", "", "c", "x&y"), PercentCoding.parseQuery("a=1+2&b&c=x%26y&a=3"));
    }

    @Test
    void timestampsUseHttpDatesAndRfc3339Millis() {
        Instant t = Instant.parse("2025-06-03T09:05:07.120Z");
        assertEquals("Tue, 03 Jun 2025 09:05:07 GMT", HttpTimes.httpDate(t));
        assertEquals("2025-06-03T09:05:07.120Z", HttpTimes.rfc3339(t));
        assertEquals("2025-06-03T09:05:07.000Z", HttpTimes.rfc3339(Instant.parse("2025-06-03T09:05:07Z")));
        assertEquals(t.minusMillis(120), HttpTimes.parseHttpDate("Tue, 3 Jun 2025 09:05:07 GMT"));
        assertEquals(t, HttpTimes.parseRfc3339("2025-06-03T11:05:07.12+02:00"));
        assertThrows(IllegalArgumentException.class, () -> HttpTimes.parseRfc3339("2025-06-03"));
        assertThrows(IllegalArgumentException.class, () -> HttpTimes.parseHttpDate("2025-06-03"));
    }

    @Test
    void failuresRoundTripThroughJsonWithTheStackTracesTheyCarry() {
        Failure f = new Failure("top", "trace", Map.of("type", "x.Y"), "{\"k\":[1,2]}",
                Failure.of("inner \"quoted\""));
        assertEquals(f, WireJson.parseFailure(WireJson.failure(f)));
        byte[] plain = WireJson.failure(Failure.of("top"));
        assertEquals(null, WireJson.parseFailure(plain).stackTrace());
        assertTrue(!new String(plain, java.nio.charset.StandardCharsets.UTF_8).contains("stackTrace"));
        assertThrows(IllegalArgumentException.class, () -> WireJson.parseFailure("[1]".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> WireJson.parseFailure("{\"metadata\":{\"a\":1}}".getBytes()));
    }

    @Test
    void handlerErrorsRehydrateFromFailureBeforeStatus() {
        Failure wire = WireErrors.wireFailure(WireErrors.local(ErrorType.CONFLICT, "dup", RetryBehavior.RETRYABLE));
        HandlerError e = WireErrors.handlerError(500, wire, null, "test");
        assertEquals(ErrorType.CONFLICT, e.type());
        assertEquals(RetryBehavior.RETRYABLE, e.exception().retryBehavior());
        HandlerError fromStatus = WireErrors.handlerError(503, null, "false", "test");
        assertEquals(ErrorType.UNAVAILABLE, fromStatus.type());
        assertEquals(false, fromStatus.retryable());
        HandlerError odd = WireErrors.handlerError(418, Failure.of("teapot"), null, "test");
        assertEquals(ErrorType.UNKNOWN, odd.type());
        assertEquals("HTTP_418", odd.exception().rawType());
        assertEquals(false, odd.retryable());
        assertTrue(odd.exception().getMessage().contains("teapot"));
        Failure custom = new Failure("m", null, Map.of("type", "nexus.HandlerError"),
                "{\"type\":\"SOMETHING_NEW\"}", null);
        assertEquals("SOMETHING_NEW", WireErrors.handlerError(500, custom, null, "t").exception().rawType());
    }

    @Test
    void operationInfoAcceptsTheOlderIdField() {
        assertEquals(new nexusrpc.api.OperationInfo("t", nexusrpc.api.OperationState.RUNNING),
                WireJson.parseOperationInfo("{\"id\":\"t\",\"state\":\"running\"}".getBytes()));
        assertThrows(IllegalArgumentException.class,
                () -> WireJson.parseOperationInfo("{\"state\":\"running\"}".getBytes()));
        assertThrows(IllegalArgumentException.class,
                () -> WireJson.parseOperationInfo("{\"token\":\"t\",\"state\":\"sleeping\"}".getBytes()));
    }

    @Test
    void backoffGrowsWithJitterUpToTheCap() {
        RetryPolicy b = RetryPolicy.builder().initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(800))
                .build();
        for (int i = 0; i < 50; i++) {
            Duration first = b.delay(1);
            assertTrue(first.compareTo(Duration.ofMillis(50)) >= 0 && first.compareTo(Duration.ofMillis(100)) <= 0);
            Duration late = b.delay(40);
            assertTrue(late.compareTo(Duration.ofMillis(400)) >= 0 && late.compareTo(Duration.ofMillis(800)) <= 0);
        }
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().initialDelay(Duration.ofSeconds(2))
                .maxDelay(Duration.ofSeconds(1)).build());
    }

    @Test
    void theDefaultCallbackPolicyDeniesMetadataAndUnspecifiedAddresses() {
        CallbackUrlPolicy p = CallbackUrlPolicy.defaults();
        assertEquals(URI.create("http://127.0.0.1:8080/cb"), p.check("http://127.0.0.1:8080/cb"));
        assertEquals(URI.create("https://10.0.0.1/cb"), p.check("https://10.0.0.1/cb"));
        for (String bad : new String[] {"http://169.254.169.254/latest/meta-data", "http://[fe80::1]/x",
                "http://0.0.0.0/x", "http://224.0.0.1/x", "ftp://example.com/x", "/relative", "mailto:a@b", "",
                "http://exa mple.com/"}) {
            assertThrows(IllegalArgumentException.class, () -> p.check(bad), bad);
        }
    }

    @Test
    void stricterCallbackPolicies() {
        CallbackUrlPolicy hosts = CallbackUrlPolicy.builder().allowHosts("cb.example.com", "*.corp.example")
                .resolveHosts(false).allowSchemes("https").build();
        hosts.check("https://cb.example.com/x");
        hosts.check("https://a.b.corp.example/x");
        assertThrows(IllegalArgumentException.class, () -> hosts.check("https://corp.example/x"));
        assertThrows(IllegalArgumentException.class, () -> hosts.check("https://evil.example.com/x"));
        assertThrows(IllegalArgumentException.class, () -> hosts.check("http://cb.example.com/x"));
        CallbackUrlPolicy noPrivate = CallbackUrlPolicy.builder().denyPrivateAddresses(true).build();
        for (String bad : new String[] {"http://127.0.0.1/x", "http://10.1.2.3/x", "http://192.168.0.1/x",
                "http://[::1]/x", "http://[fd00::1]/x", "http://localhost/x"}) {
            assertThrows(IllegalArgumentException.class, () -> noPrivate.check(bad), bad);
        }
    }

    @Test
    void onlyHttpAndHttpsCallbackSchemesCanBeAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallbackUrlPolicy.builder().allowSchemes("https", "ftp"));
        assertTrue(e.getMessage().contains("\"ftp\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CallbackUrlPolicy.builder().allowSchemes());
        CallbackUrlPolicy httpsOnly = CallbackUrlPolicy.builder().allowSchemes("HTTPS").build();
        httpsOnly.check("https://8.8.8.8/cb");
        assertThrows(IllegalArgumentException.class, () -> httpsOnly.check("http://8.8.8.8/cb"));
    }
}
