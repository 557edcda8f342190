package jlink.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launcher of the jlink image ({@code bin/nexus-demo}) as a newcomer would: the tour, then a server
 * and the {@code call} client against it, checking output and exit statuses. Run by failsafe after {@code package}
 * built the image.
 */
class LauncherIT {
    /** Generous: the test checks behaviour, never speed. */
    private static final long PATIENCE_SECONDS = 60;
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");
    /** How the JVM itself warns (sun.misc.Unsafe, restricted methods): log lines start with the time instead. */
    private static final Pattern JVM_WARNING = Pattern.compile("(?m)^WARNING: ");

    private static Path launcher;
    private static Process server;
    /**
     * The threads that read the server's pipes, one each for as long as it runs. Not CompletableFuture's default
     * pool: from JDK 25 it is the common pool even when that has a single thread (2 CPUs), where JDK 17 started a
     * thread per task, so the stderr reader, blocked for the server's lifetime, kept the stdout reader from running.
     */
    private static ExecutorService readers;
    private static String endpoint;
    private static final StringBuilder serverErr = new StringBuilder();

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        launcher = Path.of(System.getProperty("nexus.demo.image", "target/image"), "bin", "nexus-demo");
        assertTrue(Files.isExecutable(launcher), launcher + " is missing: run mvn package first");
        server = new ProcessBuilder(launcher.toString(), "serve", "--port", "0").start();
        readers = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "nexus-demo-serve-reader");
            t.setDaemon(true);
            return t;
        });
        readers.execute(() -> drain(new BufferedReader(
                new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8)), serverErr));
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Future<String> firstLine = readers.submit(out::readLine);
        String line;
        try {
            line = firstLine.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("serve printed no URL; stderr: " + serverErr, e);
        }
        Matcher m = URL.matcher(String.valueOf(line));
        assertTrue(m.find(), "serve's first line has no URL: " + line + "; stderr: " + serverErr);
        endpoint = m.group(1);
        // keeps reading through the same reader: a second one would miss what the first has buffered
        readers.execute(() -> drain(out, new StringBuilder()));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
        if (readers != null) {
            // the pipes closed with the process, so the readers are ending; daemons in any case
            readers.shutdownNow();
            readers.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void theTourWalksThroughEveryOutcomeAndExitsZero() throws Exception {
        Run tour = run(null, "tour");
        assertEquals(0, tour.exit(), tour.toString());
        assertFalse(JVM_WARNING.matcher(tour.err()).find(), "the JVM warned:\n" + tour);
        for (String expected : List.of("hello {\"name\":\"Ada\"}  ->  {\"message\":\"Hello, Ada!\"}",
                "BAD_REQUEST (not retryable)", "completed at once: Welcome, Ada!", "callback received: succeeded",
                ": one operation", "operation failed: disk full", "fetchInfo  ->  canceled",
                "Tour complete: all 7 steps behaved as expected.")) {
            assertTrue(tour.out().contains(expected), "missing \"" + expected + "\" in\n" + tour);
        }
        Run noArguments = run(null);
        assertEquals(0, noArguments.exit(), noArguments.toString());
        assertTrue(noArguments.out().contains("Tour complete"), "no arguments runs the tour too:\n" + noArguments);
    }

    @Test
    void theSameApplicationRunsOnTheClassPathWithTheKindFoundThroughMetaInfServices() throws Exception {
        String classPath = System.getProperty("nexus.demo.classpath");
        assertTrue(classPath != null, "run by failsafe, which passes nexus.demo.classpath");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 24) {
            // what the launcher passes on 24+ (17 rejects it): no warning if a library uses sun.misc.Unsafe
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", classPath, "jlink.demo.Main", "tour"));
        Run tour = exec(null, command);
        assertEquals(0, tour.exit(), tour.toString());
        assertTrue(tour.out().contains("Tour complete"), tour.toString());
        assertFalse(JVM_WARNING.matcher(tour.err()).find(), "the JVM warned:\n" + tour);
    }

    @Test
    void theTemporalTourServesTheSameHandlerToTemporalWorkflows() throws Exception {
        Run tour = run(null, "temporal", "tour");
        assertEquals(0, tour.exit(), tour.toString());
        assertTrue(tour.out().contains("ok: {\"message\":\"Hello, Ada!\"}"), tour.toString());
        assertTrue(tour.out().contains("\"name\" is missing or blank"), tour.toString());
        assertTrue(tour.out().contains("Temporal tour complete"), tour.toString());
        // on JDK 24+ protobuf's use of sun.misc.Unsafe would print "WARNING: ..." lines unless the launcher allows it
        assertFalse(JVM_WARNING.matcher(tour.err()).find(), "the JVM warned:\n" + tour);

        Run usage = run(null, "temporal", "serve", "--port", "1");
        assertEquals(2, usage.exit(), usage.toString());
    }

    @Test
    void temporalServeReportsAnUnreachableServerAtOnceWithTheAddressAndAHint() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        Run serve = run(null, "temporal", "serve", "--address", "127.0.0.1:" + port);
        long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertEquals(4, serve.exit(), serve.toString());
        assertEquals("nexus-demo: cannot reach Temporal at 127.0.0.1:" + port + ": connection refused (nothing listens"
                + " on port " + port + " there); start one (e.g. temporal server start-dev) or pass --address HOST:PORT",
                serve.err().strip());
        // the JVM's start-up with Temporal's class path is most of it; gRPC's own check waited 10 s
        assertTrue(seconds < 8, "took " + seconds + " s");
    }

    @Test
    void theImageHasItsClassDataSharingArchiveAndOnlyTheModulesItNeeds() throws Exception {
        Path archive = launcher.getParent().getParent().resolve(Path.of("lib", "server", "classes.jsa"));
        assertTrue(Files.size(archive) > 0, "no CDS archive at " + archive + ": see target/cds-dump.log");
        Run modules = exec(null, List.of(launcher.resolveSibling("java").toString(), "--list-modules"));
        assertEquals(0, modules.exit(), modules.toString());
        assertTrue(modules.out().contains("jlink.demo@") && modules.out().contains("org.slf4j.simple@"), modules.out());
        for (String unwanted : List.of("java.desktop", "jdk.compiler", "java.se@", "jdk.jshell")) {
            assertTrue(!modules.out().contains(unwanted), unwanted + " was linked:\n" + modules.out());
        }
    }

    @Test
    void callStartsASynchronousOperation() throws Exception {
        Run hello = call(null, "start", "greeting", "hello", "{\"name\": \"Ada\"}");
        assertEquals(0, hello.exit(), hello.toString());
        assertEquals("{\"message\":\"Hello, Ada!\"}", hello.out().strip());
    }

    @Test
    void aHandlerErrorIsReportedWithItsTypeAndExitStatus3() throws Exception {
        Run blank = call(null, "start", "greeting", "hello", "{\"name\": \" \"}");
        assertEquals(3, blank.exit(), blank.toString());
        assertTrue(blank.err().contains("BAD_REQUEST") && blank.err().contains("\"name\""), blank.toString());
        assertEquals("", blank.out());

        Run unknownToken = call(null, "info", "jobs", "sleep", "no-such-token");
        assertEquals(3, unknownToken.exit(), unknownToken.toString());
        assertTrue(unknownToken.err().contains("NOT_FOUND"), unknownToken.toString());
    }

    @Test
    void anAsynchronousJobCanBeFollowedWithInfoAndResult() throws Exception {
        Run start = call("{\"millis\": 100}", "start", "jobs", "sleep", "-");
        assertEquals(0, start.exit(), start.toString());
        String token = start.out().strip();
        assertTrue(start.err().contains("call result jobs sleep"), start.toString());

        Run result = call(null, "result", "jobs", "sleep", token, "--wait", "30s");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("{\"sleptMillis\":100}", result.out().strip());

        Run info = call(null, "info", "jobs", "sleep", token);
        assertEquals(0, info.exit(), info.toString());
        assertEquals("{\"token\":\"" + token + "\",\"state\":\"succeeded\"}", info.out().strip());
    }

    @Test
    void aCanceledJobEndsCanceledAndAWaitThatRunsOutExits5() throws Exception {
        String token = call(null, "start", "jobs", "sleep", "{\"millis\": 3600000}").out().strip();

        Run pending = call(null, "result", "jobs", "sleep", token, "--wait", "100ms");
        assertEquals(5, pending.exit(), pending.toString());

        Run cancel = call(null, "cancel", "jobs", "sleep", token);
        assertEquals(0, cancel.exit(), cancel.toString());

        Run result = call(null, "result", "jobs", "sleep", token, "--wait", "30s");
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().contains("operation canceled"), result.toString());
    }

    @Test
    void aFailingJobExits1WithItsReason() throws Exception {
        Run failing = call(null, "start", "jobs", "sleep", "{\"millis\": 10, \"fail\": \"out of tea\"}", "--wait", "30s");
        assertEquals(1, failing.exit(), failing.toString());
        assertTrue(failing.err().contains("operation failed: out of tea"), failing.toString());
    }

    @Test
    void mistakesOnTheCommandLineExit2AndAnUnreachableEndpointExits4() throws Exception {
        Run badJson = call(null, "start", "greeting", "hello", "{name");
        assertEquals(2, badJson.exit(), badJson.toString());
        assertTrue(badJson.err().contains("not valid JSON"), badJson.toString());

        Run badVerb = call(null, "frobnicate");
        assertEquals(2, badVerb.exit(), badVerb.toString());

        Run nobody = run(null, "call", "start", "greeting", "hello", "{}", "--endpoint", "http://127.0.0.1:1/");
        assertEquals(4, nobody.exit(), nobody.toString());
        assertTrue(nobody.err().contains("UNAVAILABLE"), nobody.toString());
        assertTrue(nobody.err().contains("connection refused by 127.0.0.1:1"), nobody.toString());
        assertFalse(nobody.err().contains("null"), nobody.toString());
    }

    @Test
    void serveStopsCleanlyOnSigterm() throws Exception {
        // stderr goes to a file: a pipe read while the process exits can lose its last lines
        Path errFile = Files.createTempFile("nexus-demo-serve", ".err");
        Process p = new ProcessBuilder(launcher.toString(), "serve", "--port", "0")
                .redirectError(errFile.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(String.valueOf(out.readLine()).startsWith("Serving Nexus services"), "serve did not start");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS), "serve ignored SIGTERM");
        String err = Files.readString(errFile);
        Files.delete(errFile);
        assertEquals(143, p.exitValue(), "the JVM did not end by SIGTERM: " + err);
        assertTrue(err.contains("nexus-demo: stopped serving"), "the shutdown hook did not run: " + err);
    }

    @Test
    void serveWithTlsAndCallWithCacertAClientCertificateAndAToken(@TempDir Path dir) throws Exception {
        Certificates certs = Certificates.make(dir,
                Path.of(System.getProperty("java.home"), "bin", "keytool"));
        Path errFile = dir.resolve("serve.err");
        Path tokens = Files.writeString(dir.resolve("tokens"), "# callers let in\nold-token\ndemo-token\n");
        Process p = new ProcessBuilder(launcher.toString(), "serve", "--port", "0", "--tls-cert",
                certs.serverCertificate().toString(), "--tls-key", certs.serverKey().toString(), "--client-ca",
                certs.clientCertificate().toString(), "--tokens-file", tokens.toString())
                .redirectError(errFile.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = String.valueOf(out.readLine());
            Matcher m = Pattern.compile("(https://127\\.0\\.0\\.1:\\d+/)").matcher(line);
            assertTrue(m.find(), "serve --tls-cert printed no https URL: " + line + "; " + Files.readString(errFile));
            String https = m.group(1);

            Run hello = run(null, "call", "start", "greeting", "hello", "{\"name\": \"Ada\"}", "--endpoint", https,
                    "--cacert", certs.serverCertificate().toString(), "--cert", certs.clientCertificate().toString(),
                    "--key", certs.clientKey().toString(), "--token", "demo-token");
            assertEquals(0, hello.exit(), hello.toString());
            assertEquals("{\"message\":\"Hello, Ada!\"}\n", hello.out());

            // a caller with the right certificate but a token not in the file, or none, is not let in
            for (List<String> token : List.of(List.of("--token", "guessed-token"), List.<String>of())) {
                List<String> args = new ArrayList<>(List.of("call", "start", "greeting", "hello",
                        "{\"name\": \"Ada\"}", "--endpoint", https, "--cacert", certs.serverCertificate().toString(),
                        "--cert", certs.clientCertificate().toString(), "--key", certs.clientKey().toString()));
                args.addAll(token);
                Run refused = run(null, args.toArray(String[]::new));
                assertEquals(3, refused.exit(), refused.toString());
                assertTrue(refused.err().contains("UNAUTHENTICATED"), refused.toString());
                assertFalse(refused.err().contains("guessed-token"), "the token was echoed: " + refused);
            }

            Run noCertificate = run(null, "call", "start", "greeting", "hello", "{\"name\": \"Ada\"}", "--endpoint",
                    https, "--cacert", certs.serverCertificate().toString());
            assertEquals(4, noCertificate.exit(), noCertificate.toString());

            Run noCa = run(null, "call", "start", "greeting", "hello", "{\"name\": \"Ada\"}", "--endpoint", https,
                    "--cert", certs.clientCertificate().toString(), "--key", certs.clientKey().toString());
            assertEquals(4, noCa.exit(), "the JDK's CAs do not trust the server's certificate: " + noCa);
        } finally {
            p.destroy();
            p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static Run call(String stdin, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("call"));
        all.addAll(List.of(args));
        all.add("--endpoint");
        all.add(endpoint);
        return run(stdin, all.toArray(String[]::new));
    }

    private static Run run(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return exec(stdin, command);
    }

    private static Run exec(String stdin, List<String> command) throws Exception {
        // output goes to files: a pipe read while the process exits can lose its last lines
        Path outFile = Files.createTempFile("nexus-demo", ".out");
        Path errFile = Files.createTempFile("nexus-demo", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile())
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish; stderr so far: "
                        + Files.readString(errFile));
            }
            return new Run(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }

    private static void drain(BufferedReader reader, StringBuilder into) {
        try (BufferedReader r = reader) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (into) {
                    into.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
