package jlink.demo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jlink.demo.services.DemoServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against the demo served in memory: parsing, output streams and exit statuses. */
class CliTest {
    private final InProcessTransport transport = new InProcessTransport();
    private final Transport.Server server =
            transport.serve(DemoServices.handler(), new InetSocketAddress(0));

    record Run(int exit, String out, String err) {}

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theTourChecksEveryStepAndExitsZero() {
        Run tour = run(null, List.of("tour"));
        assertEquals(0, tour.exit(), tour.toString());
        assertTrue(tour.out().contains("Tour complete: all 7 steps behaved as expected."), tour.out());
    }

    @Test
    void aSynchronousResultGoesToStdoutUnchanged() {
        Run r = call(null, "start", "greeting", "hello", "{\"name\":\"Ada\"}");
        assertEquals(new Run(0, "{\"message\":\"Hello, Ada!\"}\n", ""), r);
    }

    @Test
    void inputCanComeFromStdin() {
        Run start = call("{\"millis\": 1}", "start", "jobs", "sleep", "-", "--wait", "30s");
        assertEquals(0, start.exit(), start.toString());
        assertEquals("{\"sleptMillis\":1}\n", start.out());
    }

    @Test
    void anAsynchronousStartPrintsOnlyTheTokenOnStdout() {
        Run start = call(null, "start", "jobs", "sleep", "{\"millis\": 3600000}");
        assertEquals(0, start.exit(), start.toString());
        String token = start.out().strip();
        assertTrue(start.err().contains("call result jobs sleep " + token), start.err());

        assertEquals(new Run(0, "{\"token\":\"" + token + "\",\"state\":\"running\"}\n", ""),
                call(null, "info", "jobs", "sleep", token));
        assertEquals(5, call(null, "result", "jobs", "sleep", token).exit());
        assertEquals(0, call(null, "cancel", "jobs", "sleep", token).exit());
        Run canceled = call(null, "result", "jobs", "sleep", token, "--wait", "30s");
        assertEquals(1, canceled.exit(), canceled.toString());
        assertTrue(canceled.err().startsWith("operation canceled: "), canceled.err());
    }

    @Test
    void handlerErrorsExit3WithTypeAndMessage() {
        Run blank = call(null, "start", "greeting", "hello", "{\"name\":\"\"}");
        assertEquals(3, blank.exit());
        assertTrue(blank.err().startsWith("error BAD_REQUEST: \"name\" is missing or blank"), blank.err());
        assertEquals("", blank.out());

        Run notFound = call(null, "start", "nosuch", "op");
        assertEquals(3, notFound.exit());
        assertTrue(notFound.err().contains("NOT_FOUND"), notFound.err());
    }

    @Test
    void commandLineMistakesExit2AndSayWhatToType() {
        List<List<String>> mistakes = List.of(
                List.of("call", "start", "greeting", "hello", "{name", "--endpoint", server.url().toString()),
                List.of("call", "start", "greeting"),
                List.of("call", "result", "jobs", "sleep", "t", "--wait", "soon"),
                List.of("call", "info", "jobs", "sleep", "t", "--callback", "http://x/"),
                List.of("call", "start", "greeting", "hello", "--endpoint", "ftp://example.com/"),
                List.of("call", "start", "greeting", "hello", "--header", "no-equals-sign"),
                List.of("serve", "--port", "65536"),
                List.of("tour", "extra"),
                List.of("temporal", "tour"),
                List.of("frobnicate"));
        for (List<String> words : mistakes) {
            Run r = run(null, words);
            assertEquals(2, r.exit(), words + " -> " + r);
            assertTrue(r.err().startsWith("nexus-demo: ") && r.err().contains("nexus-demo help"), r.err());
        }
    }

    @Test
    void anUnknownOptionIsNamedWhereverItStandsAndAMissingValueIsCalledSo() {
        Run last = call(null, "info", "jobs", "sleep", "t", "--bogus");
        assertEquals(2, last.exit(), last.toString());
        assertTrue(last.err().startsWith("nexus-demo: unknown option --bogus; this command takes --cacert, --cert,"
                + " --endpoint, --header, --key, --token\n"), last.err());

        Run noValue = run(null, List.of("call", "result", "jobs", "sleep", "t", "--wait"));
        assertTrue(noValue.err().startsWith("nexus-demo: option --wait needs a value: --wait VALUE\n"),
                noValue.err());
        Run optionAsValue = run(null, List.of("call", "result", "jobs", "sleep", "t", "--wait", "--endpoint", "x"));
        assertTrue(optionAsValue.err().startsWith("nexus-demo: option --wait needs a value, but --endpoint follows"
                + " it"), optionAsValue.err());
    }

    @Test
    void invalidJsonIsDescribedInOurWordsWithLineAndColumn() {
        Run r = call(null, "start", "greeting", "hello", "{name: \"Ada\"}");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("nexus-demo: the input is not valid JSON: malformed JSON (line 1, column 2):"
                + " unexpected character 'n' where a field name should start"), r.err());
        assertFalse(r.err().contains("StreamReadFeature") || r.err().contains("code 110"), r.err());

        Run twoValues = call(null, "start", "greeting", "hello", "{} {}");
        assertTrue(twoValues.err().contains("there is more after the JSON value"), twoValues.err());
    }

    @Test
    void aRefusedConnectionIsNamedWithTheAddressAndWhatToDo() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(new HttpTransport(), "over HTTP", new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())
                .run(List.of("call", "start", "greeting", "hello", "{}", "--endpoint", "http://127.0.0.1:" + port + "/"));

        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(4, exit, text);
        assertEquals("error UNAVAILABLE: cannot connect to http://127.0.0.1:" + port + "/ for the start of"
                + " greeting/hello: connection refused by 127.0.0.1:" + port + ": is the server running, and listening on that port? (retryable)\n"
                + "is http://127.0.0.1:" + port + "/ the right endpoint? Name another with --endpoint URL or"
                + " $NEXUS_ENDPOINT; \"nexus-demo serve\" serves the demo at http://127.0.0.1:8080/\n", text);
    }

    @Test
    void durationsAcceptUnitsAndIso() throws UsageException {
        assertEquals(Duration.ofMillis(500), Args.parseDuration("wait", "500ms"));
        assertEquals(Duration.ofSeconds(10), Args.parseDuration("wait", "10s"));
        assertEquals(Duration.ofMinutes(2), Args.parseDuration("wait", "2m"));
        assertEquals(Duration.ofSeconds(90), Args.parseDuration("wait", "1m30s"));
        assertThrows(UsageException.class, () -> Args.parseDuration("wait", "-5s"));
        assertThrows(UsageException.class, () -> Args.parseDuration("wait", "ten"));
    }

    @Test
    void helpExitsZeroAndCallWithoutVerbExits2() {
        Run help = run(null, List.of("help"));
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("serve [--port N] [--host H]"), help.out());
        assertTrue(help.out().contains("Usage: nexus-demo [tour | serve | call | temporal | help]"), help.out());
        assertEquals(2, run(null, List.of("call")).exit());
    }

    @Test
    void aTokensFileThatCannotBeUsedIsNamedAndServeDoesNotStart(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing-tokens");
        Run absent = run(null, List.of("serve", "--port", "0", "--tokens-file", missing.toString()));
        assertEquals(2, absent.exit(), absent.toString());
        assertTrue(absent.err().contains("--tokens-file " + missing + " cannot be read"), absent.err());
        Path comments = Files.writeString(dir.resolve("tokens"), "# no token yet\n\n");
        Run empty = run(null, List.of("serve", "--port", "0", "--tokens-file", comments.toString()));
        assertEquals(2, empty.exit(), empty.toString());
        assertTrue(empty.err().contains("--tokens-file " + comments + " has no token"), empty.err());
    }

    @Test
    void tlsOptionsNameTheOptionAndTheFileThatIsWrong(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.pem");
        Run serve = run(null, List.of("serve", "--port", "0", "--tls-cert", missing.toString(), "--tls-key",
                missing.toString()));
        assertEquals(2, serve.exit(), serve.toString());
        assertTrue(serve.err().contains("--tls-cert " + missing + ": no such file"), serve.err());

        Path empty = Files.createFile(dir.resolve("empty.pem"));
        Run call = run(null, List.of("call", "start", "greeting", "hello", "--endpoint", "https://127.0.0.1:1/",
                "--cacert", empty.toString()));
        assertEquals(2, call.exit(), call.toString());
        assertTrue(call.err().contains("--cacert " + empty + ": trusted CA certificates file " + empty
                + " is not a PEM file"), call.err());

        Run half = run(null, List.of("call", "start", "greeting", "hello", "--endpoint", "https://127.0.0.1:1/",
                "--cert", empty.toString()));
        assertTrue(half.err().contains("--cert and --key go together"), half.err());
        Run plain = run(null, List.of("call", "start", "greeting", "hello", "--endpoint", "http://127.0.0.1:1/",
                "--cacert", empty.toString()));
        assertTrue(plain.err().contains("are for an https:// endpoint"), plain.err());
    }

    @Test
    void theTokenIsSentAsABearerAuthorizationHeader() throws Exception {
        java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            seen.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new Cli(new HttpTransport(), "over HTTP", new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(),
                    true, StandardCharsets.UTF_8), Map.of()).run(List.of("call", "start", "greeting", "hello",
                    "--token", "abc.def", "--endpoint", "http://127.0.0.1:" + http.getAddress().getPort() + "/"));
            assertEquals(0, exit);
            assertEquals("Bearer abc.def", seen.poll(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            http.stop(0);
        }
    }

    private Run call(String stdin, String... words) {
        List<String> all = new ArrayList<>(List.of("call"));
        all.addAll(List.of(words));
        all.add("--endpoint");
        all.add(server.url().toString());
        return run(stdin, all);
    }

    private Run run(String stdin, List<String> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayInputStream in = new ByteArrayInputStream(
                stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8));
        int exit = new Cli(transport, "in memory", in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(words);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
