package nexusrpc.http;

import static nexusrpc.http.RawHttp.get;
import static nexusrpc.http.RawHttp.header;
import static nexusrpc.http.RawHttp.json;
import static nexusrpc.http.RawHttp.post;
import static nexusrpc.http.RawHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nexusrpc.handler.NexusHandler;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's wire behaviour, checked with raw HTTP requests: exact statuses, headers and bodies. */
class HttpWireTest {
    private static TestServiceImpl impl;
    private static NexusHttpServer server;
    private static URI base;
    /** Whether the JDK's engine serves (else Jetty's): see the pom's executions. */
    private static boolean jdk;

    @BeforeAll
    static void start() {
        impl = new TestServiceImpl(null);
        server = NexusHttpServer.builder(NexusHandler.builder().service(impl).build())
                .basePath("/api/nexus")
                .maxBodySize(64 * 1024)
                .start();
        base = server.baseUri();
        jdk = server.config().engine().equals(NexusHttpServer.JDK_ENGINE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode failureOf(HttpResponse<byte[]> r) {
        assertEquals("application/json", header(r, "Content-Type"));
        return json(r);
    }

    @Test
    void baseUriIncludesTheBasePath() {
        assertTrue(base.toString().startsWith("http://127.0.0.1:"), base.toString());
        assertTrue(base.toString().endsWith("/api/nexus/"), base.toString());
    }

    @Test
    void syncStartAnswers200WithContentHeadersStateAndEchoedLinks() {
        HttpResponse<byte[]> r = post(base, "test-service/echo", "{\"message\":\"hello\"}",
                "Nexus-Link", "<https://example.com/a?x=1,2>; type=\"com.example.A\", <urn:b>; type=b.B");
        assertEquals(200, r.statusCode());
        assertEquals("{\"message\":\"hello\"}", text(r));
        assertEquals("application/json", header(r, "Content-Type"));
        assertEquals("succeeded", header(r, "Nexus-Operation-State"));
        assertEquals(java.util.List.of("<https://example.com/a?x=1,2>; type=\"com.example.A\"", "<urn:b>; type=\"b.B\""),
                r.headers().allValues("Nexus-Link"));
        assertEquals(String.valueOf(r.body().length), header(r, "Content-Length"));
    }

    @Test
    void startPassesRequestIdCallbackHeadersLinksTimeoutsAndOtherHeadersToTheHandler() {
        HttpResponse<byte[]> r = post(base,
                "test-service/echo?callback=" + java.net.URLEncoder.encode("http://127.0.0.1:9/cb?a=1&b=2",
                        java.nio.charset.StandardCharsets.UTF_8),
                "{\"message\":\"describe\"}",
                "nExUs-ReQuEsT-iD", "req-42",
                "Nexus-Callback-X-Trace", "abc",
                "Nexus-Link", "<urn:x>; type=\"t.X\"",
                "Operation-Timeout", "1.5m",
                "Request-Timeout", "10s",
                "x-custom", "custom-value");
        assertEquals(200, r.statusCode(), text(r));
        String d = json(r).get("message").asText();
        assertTrue(d.contains("requestId=req-42"), d);
        assertTrue(d.contains("callback=http://127.0.0.1:9/cb?a=1&b=2"), d);
        assertTrue(d.contains("callbackHeaders={x-trace=abc}"), d);
        assertTrue(d.contains("links=[Link[uri=urn:x, type=t.X]]"), d);
        assertTrue(d.contains("operationTimeout=PT1M30S"), d);
        assertTrue(d.contains("x-custom=custom-value"), d);
        assertTrue(d.contains("deadline=true"), d);
        assertTrue(d.contains("leaked=0"), d);
    }

    @Test
    void asyncStartAnswers201WithOperationInfoAndLinks() {
        HttpResponse<byte[]> r = post(base, "test-service/job", "{\"message\":\"m\",\"outcome\":\"hold\"}");
        assertEquals(201, r.statusCode(), text(r));
        assertEquals("application/json", header(r, "Content-Type"));
        JsonNode info = json(r);
        String token = info.get("token").asText();
        assertTrue(token.startsWith("job-"), token);
        assertEquals(token, info.get("id").asText());
        assertEquals("running", info.get("state").asText());
        assertEquals("<test:job/" + token + ">; type=\"test.Job\"", header(r, "Nexus-Link"));
    }

    @Test
    void failedOperationAnswers424WithOperationErrorFailureAndCause() {
        HttpResponse<byte[]> r = post(base, "test-service/echo", "{\"message\":\"fail\"}");
        assertEquals(424, r.statusCode());
        assertEquals("failed", header(r, "Nexus-Operation-State"));
        JsonNode f = failureOf(r);
        assertEquals("the job failed", f.get("message").asText());
        assertEquals("nexus.OperationError", f.get("metadata").get("type").asText());
        assertEquals("failed", f.get("details").get("state").asText());
        assertEquals("root cause", f.get("cause").get("message").asText());
        assertNull(f.get("stackTrace"));
        assertFalse(text(r).contains("Exception"), text(r));
    }

    @Test
    void canceledOperationAnswers424WithStateCanceled() {
        HttpResponse<byte[]> r = post(base, "test-service/echo", "{\"message\":\"cancel\"}");
        assertEquals(424, r.statusCode());
        assertEquals("canceled", header(r, "Nexus-Operation-State"));
        assertEquals("canceled", failureOf(r).get("details").get("state").asText());
    }

    @ParameterizedTest
    @CsvSource({"BAD_REQUEST,400", "UNAUTHENTICATED,401", "UNAUTHORIZED,403", "NOT_FOUND,404",
            "REQUEST_TIMEOUT,408", "CONFLICT,409", "RESOURCE_EXHAUSTED,429", "INTERNAL,500", "NOT_IMPLEMENTED,501",
            "UNAVAILABLE,503", "UPSTREAM_TIMEOUT,520"})
    void handlerErrorsMapToTheSpecStatusAndHandlerErrorFailure(String type, int status) {
        HttpResponse<byte[]> r = post(base, "test-service/echo", "{\"message\":\"error:" + type + "\"}");
        assertEquals(status, r.statusCode());
        JsonNode f = failureOf(r);
        assertEquals("handler says " + type, f.get("message").asText());
        assertEquals("nexus.HandlerError", f.get("metadata").get("type").asText());
        assertEquals(type, f.get("details").get("type").asText());
        assertNull(f.get("details").get("retryableOverride"));
        assertEquals("inner reason", f.get("cause").get("message").asText());
        assertNull(header(r, "Nexus-Request-Retryable"));
        assertNull(f.get("stackTrace"));
    }

    @Test
    void explicitRetryBehaviourIsSentAsRetryableOverrideAndHeader() {
        HttpResponse<byte[]> r = post(base, "test-service/echo", "{\"message\":\"error:INTERNAL:nonretryable\"}");
        assertEquals(500, r.statusCode());
        assertFalse(failureOf(r).get("details").get("retryableOverride").asBoolean(true));
        assertEquals("false", header(r, "Nexus-Request-Retryable"));
        r = post(base, "test-service/echo", "{\"message\":\"error:BAD_REQUEST:retryable\"}");
        assertTrue(failureOf(r).get("details").get("retryableOverride").asBoolean(false));
    }

    @Test
    void unexpectedExceptionsAnswer500WithoutDetailsStackTracesOrClassNames() {
        HttpResponse<byte[]> r = post(base, "test-service/echo", "{\"message\":\"crash\"}");
        assertEquals(500, r.statusCode());
        JsonNode f = failureOf(r);
        assertEquals("INTERNAL", f.get("details").get("type").asText());
        String body = text(r);
        assertFalse(body.contains("secret"), body);
        assertFalse(body.contains("IllegalStateException"), body);
        assertFalse(body.contains("stackTrace"), body);
        assertFalse(body.contains("nexusrpc."), body);
    }

    @Test
    void unknownServiceAndOperationAnswer404() {
        HttpResponse<byte[]> r = post(base, "nope/echo", "{}");
        assertEquals(404, r.statusCode());
        JsonNode f = failureOf(r);
        assertEquals("NOT_FOUND", f.get("details").get("type").asText());
        assertTrue(f.get("message").asText().contains("\"nope\""), f.toString());
        r = post(base, "test-service/nope", "{}");
        assertEquals(404, r.statusCode());
        assertTrue(failureOf(r).get("message").asText().contains("\"nope\""));
    }

    @ParameterizedTest
    @CsvSource({"test-service", "test-service/echo/unknown", "test-service/echo/result/x", "/test-service/echo",
            "test-service//", "a/b/c/d"})
    void unknownRoutesAnswer404WithAHint(String path) {
        HttpResponse<byte[]> r = post(base, path, "{}");
        if (!jdk && (path.startsWith("/") || path.contains("//"))) {
            // Jetty refuses paths with empty segments itself, as ambiguous (its own 400 page)
            assertEquals(400, r.statusCode(), text(r));
            return;
        }
        assertEquals(404, r.statusCode(), text(r));
        JsonNode f = failureOf(r);
        assertEquals("NOT_FOUND", f.get("details").get("type").asText());
        assertFalse(f.get("message").asText().isEmpty());
    }

    @Test
    void pathsOutsideTheBasePathAnswer404() {
        URI root = URI.create(base.toString().replace("/api/nexus/", "/api/nexusX/"));
        assertEquals(404, post(root, "test-service/echo", "{}").statusCode());
    }

    @Test
    void wrongMethodsAnswer405WithAllow() {
        HttpResponse<byte[]> r = RawHttp.send(RawHttp.request(base, "test-service/echo")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(405, r.statusCode());
        assertEquals("GET, POST", header(r, "Allow"));
        assertTrue(failureOf(r).get("message").asText().contains("PUT"));
        r = get(base, "test-service/job/cancel?token=x");
        assertEquals(405, r.statusCode());
        assertEquals("POST", header(r, "Allow"));
        r = post(base, "test-service/job/result?token=x", null);
        assertEquals(405, r.statusCode());
        assertEquals("GET", header(r, "Allow"));
    }

    @Test
    void missingTokensAnswer400() {
        for (HttpResponse<byte[]> r : java.util.List.of(get(base, "test-service/job"),
                get(base, "test-service/job/result"), post(base, "test-service/job/cancel", null))) {
            assertEquals(400, r.statusCode());
            assertTrue(failureOf(r).get("message").asText().contains("Nexus-Operation-Token"), text(r));
        }
    }

    @Test
    void malformedJsonAnswers400SayingWhere() {
        HttpResponse<byte[]> r = post(base, "test-service/echo", "{\"message\": ");
        assertEquals(400, r.statusCode());
        JsonNode f = failureOf(r);
        assertEquals("BAD_REQUEST", f.get("details").get("type").asText());
        assertTrue(f.get("message").asText().contains("malformed JSON"), f.toString());
        assertFalse(f.get("details").get("retryableOverride").asBoolean(true));
    }

    @Test
    void wrongJsonTypesAnswer400NamingTheField() {
        HttpResponse<byte[]> r = post(base, "test-service/job", "{\"message\":\"m\",\"outcome\":\"hold\",\"delayMillis\":\"soon\"}");
        assertEquals(400, r.statusCode());
        String message = failureOf(r).get("message").asText();
        assertTrue(message.contains("delayMillis"), message);
        assertFalse(message.contains("java."), message);
    }

    @Test
    void nonJsonContentTypeAnswers400() {
        HttpResponse<byte[]> r = RawHttp.send(RawHttp.request(base, "test-service/echo")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi")));
        assertEquals(400, r.statusCode());
        assertTrue(failureOf(r).get("message").asText().contains("text/plain"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Request-Timeout|soon|Request-Timeout",
        "Request-Timeout|1.2.3s|Request-Timeout",
        "Request-Timeout|9000h|Request-Timeout",
        "Operation-Timeout|1.5|Operation-Timeout",
        "Nexus-Link|urn:x; type=a|Nexus-Link",
        "Nexus-Link|<urn:x>|type",
        "Nexus-Link|<urn:x>; type=\"a|quoted",
        "Nexus-Link|<a b>; type=a|valid URI"})
    void badHeadersAnswer400SayingWhatIsWrong(String name, String value, String expected) {
        // Jetty's adapter hands over list headers re-parsed, an unterminated quote closed: the JDK's only
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk || !expected.equals("quoted"), "Jetty closes the quote");
        HttpResponse<byte[]> r = post(base, "test-service/echo", "{\"message\":\"x\"}", name, value);
        assertEquals(400, r.statusCode(), text(r));
        String message = failureOf(r).get("message").asText();
        assertTrue(message.contains(expected), message);
    }

    @Test
    void badWaitAndBadEscapesAnswer400() {
        HttpResponse<byte[]> r = get(base, "test-service/job/result?token=t&wait=forever");
        assertEquals(400, r.statusCode());
        assertTrue(failureOf(r).get("message").asText().contains("wait"));
        // escapes that java.net.URI accepts but that do not decode to UTF-8 are our check
        r = post(base, "test-service/ec%C3%28ho", "{}");
        assertEquals(400, r.statusCode());
        if (jdk) {
            // Jetty refuses it itself, with its own 400 page
            assertTrue(failureOf(r).get("message").asText().contains("UTF-8"), text(r));
        }
        // a broken escape is refused by the engine itself, before any handler runs (also a 400)
        String raw = RawHttp.socket(base, "POST /api/nexus/test-service/ec%zzho HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertTrue(raw.startsWith("HTTP/1.1 400 "), raw);
    }

    @Test
    void callbackUrlsAreCheckedAgainstThePolicy() {
        HttpResponse<byte[]> r = post(base, "test-service/echo?callback=http%3A%2F%2F169.254.169.254%2Flatest",
                "{\"message\":\"x\"}");
        assertEquals(400, r.statusCode());
        assertTrue(failureOf(r).get("message").asText().contains("link-local"), text(r));
        r = post(base, "test-service/echo?callback=file%3A%2Fetc%2Fpasswd", "{\"message\":\"x\"}");
        assertEquals(400, r.statusCode());
        r = post(base, "test-service/echo?callback=relative%2Fpath", "{\"message\":\"x\"}");
        assertEquals(400, r.statusCode());
    }

    @Test
    void namesArePercentDecodedPerSegment() {
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk, "Jetty refuses an encoded '/' in a path as ambiguous:"
                + " names with '/' are served by the JDK engine only (docs/http.md)");
        HttpResponse<byte[]> r = post(base, "test-service/names%2Fwith%20spaces+plus", "{\"message\":\"q\"}");
        assertEquals(200, r.statusCode(), text(r));
        assertEquals("odd:q", json(r).get("message").asText());
        // a literal '/' splits segments, so the same name unescaped is not the operation
        assertEquals(404, post(base, "test-service/names/with%20spaces+plus", "{}").statusCode());
    }

    @Test
    void noInputNoOutputAnswers200WithoutBody() {
        HttpResponse<byte[]> r = post(base, "test-service/noop", null);
        assertEquals(200, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals("succeeded", header(r, "Nexus-Operation-State"));
    }

    @Test
    void bodiesOverTheLimitAnswer413() {
        String big = "{\"message\":\"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<byte[]> r = post(base, "test-service/echo", big);
        assertEquals(413, r.statusCode());
        JsonNode f = failureOf(r);
        assertEquals("BAD_REQUEST", f.get("details").get("type").asText());
        assertTrue(f.get("message").asText().contains("65536"), f.toString());
    }

    @Test
    void aDeclaredHugeBodyIsRefusedWithoutReadingIt() throws Exception {
        try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            String head = "POST /api/nexus/test-service/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1073741824\r\n\r\n{\"message\":";
            s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            // only a few bytes of the declared gigabyte were sent: an answer proves the body was not awaited
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertTrue(status.startsWith("HTTP/1.1 413 "), status);
        }
    }

    @Test
    void fetchInfoResultAndCancelOfAnAsyncOperation() {
        String token = json(post(base, "test-service/job", "{\"message\":\"m\",\"outcome\":\"hold\"}")).get("token")
                .asText();
        HttpResponse<byte[]> info = get(base, "test-service/job", "Nexus-Operation-Token", token);
        assertEquals(200, info.statusCode());
        assertEquals("application/json", header(info, "Content-Type"));
        assertEquals(Map.of("id", token, "token", token, "state", "running"),
                Map.of("id", json(info).get("id").asText(), "token", json(info).get("token").asText(), "state",
                        json(info).get("state").asText()));
        HttpResponse<byte[]> running = get(base, "test-service/job/result?token=" + token);
        assertEquals(412, running.statusCode());
        assertEquals(0, running.body().length);
        HttpResponse<byte[]> cancel = post(base, "test-service/job/cancel", null, "Nexus-Operation-Token", token);
        assertEquals(202, cancel.statusCode());
        assertEquals(0, cancel.body().length);
        assertEquals("canceled", json(get(base, "test-service/job?token=" + token)).get("state").asText());
        HttpResponse<byte[]> result = get(base, "test-service/job/result", "Nexus-Operation-Token", token);
        assertEquals(424, result.statusCode());
        assertEquals("canceled", header(result, "Nexus-Operation-State"));
        assertEquals("canceled on request", json(result).get("message").asText());
    }

    @Test
    void fetchResultOfASucceededOperationAnswers200WithContent() throws Exception {
        String token = json(post(base, "test-service/job", "{\"message\":\"done\",\"outcome\":\"succeed\"}"))
                .get("token").asText();
        HttpResponse<byte[]> r = get(base, "test-service/job/result?wait=10s", "Nexus-Operation-Token", token);
        assertEquals(200, r.statusCode());
        assertEquals("succeeded", header(r, "Nexus-Operation-State"));
        assertEquals("application/json", header(r, "Content-Type"));
        assertEquals("done", json(r).get("message").asText());
    }

    @Test
    void unknownTokensAnswer404() {
        HttpResponse<byte[]> r = get(base, "test-service/job?token=nope");
        assertEquals(404, r.statusCode());
        assertTrue(failureOf(r).get("message").asText().contains("nope"));
    }

    @Test
    void longPollEndsWhileRunningWith412OrRequestTimeout() {
        String token = json(post(base, "test-service/job", "{\"message\":\"m\",\"outcome\":\"hold\"}")).get("token")
                .asText();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = get(base, "test-service/job/result?wait=300ms", "Nexus-Operation-Token", token);
        assertEquals(412, r.statusCode());
        // the wait ends it, not the 20 s client timeout (a generous bound, not a timing assertion)
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aHandlerIgnoringTheWaitIsAnsweredStillRunningAtTheEndOfTheWait() {
        String token = json(post(base, "test-service/job", "{\"message\":\"m\",\"outcome\":\"hold\"}")).get("token")
                .asText();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = get(base, "test-service/job/result?wait=200ms", "Nexus-Operation-Token", token,
                "X-Stubborn-Token", token);
        long elapsed = System.nanoTime() - t0;
        assertEquals(412, r.statusCode(), text(r));
        assertEquals(0, r.body().length);
        // the stubborn handler sleeps 3 s; the engine answered at the end of the wait, before it returned
        assertTrue(elapsed < TimeUnit.MILLISECONDS.toNanos(2900), "answered after " + elapsed / 1_000_000 + " ms");
    }

    @Test
    void requestTimeoutAnswers408AndCancelsTheHandler() throws Exception {
        HttpResponse<byte[]> r = post(base, "test-service/slow", "{\"message\":\"wait\"}", "Request-Timeout", "300ms");
        assertEquals(408, r.statusCode());
        JsonNode f = failureOf(r);
        assertEquals("REQUEST_TIMEOUT", f.get("details").get("type").asText());
        assertTrue(f.get("message").asText().contains("Request-Timeout"));
        assertEquals("the request deadline passed", impl.slowCancelled.get(10, TimeUnit.SECONDS));
        assertTrue(impl.slowSawDeadline.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anExpiredRequestTimeoutAnswers408AtOnce() {
        HttpResponse<byte[]> r = post(base, "test-service/echo", "{\"message\":\"x\"}", "Request-Timeout", "0ms");
        assertEquals(408, r.statusCode());
        // a negative timeout (Go's form of one that has run out) is expired too, not a malformed header
        HttpResponse<byte[]> negative = post(base, "test-service/echo", "{\"message\":\"x\"}", "Request-Timeout",
                "-5s");
        assertEquals(408, negative.statusCode());
    }

    @Test
    void theTokenQueryParameterWorksLikeTheHeader() {
        String token = json(post(base, "test-service/job", "{\"message\":\"m\",\"outcome\":\"hold\"}")).get("token")
                .asText();
        assertEquals(202, post(base, "test-service/job/cancel?token=" + token, null).statusCode());
        assertNotNull(impl.jobs().job(token));
    }
}
