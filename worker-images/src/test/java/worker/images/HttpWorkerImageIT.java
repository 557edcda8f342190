package worker.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The HTTP worker image as built by {@code mvn package}: its launcher serves one call and stops on SIGTERM, it holds
 * the SDK and no Temporal, no test server and no testing jar, and its application classes come from its CDS
 * archive. Run by failsafe.
 */
class HttpWorkerImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("worker.images.http", "target/http-image"));
    private static final Path LOGS = Path.of("target", "failsafe-reports", "http-worker");

    @Test
    void theLauncherServesOneCallAndStopsCleanlyOnSigterm() throws Exception {
        HttpFirstResponse.Result r = HttpFirstResponse.measure(List.of(IMAGE.resolve("bin/http-worker").toString()),
                Map.of(), LOGS, "launcher");
        assertEquals("HTTP/1.1 200 OK\n{\"text\":\"hi\"}", r.response(), r.stderr());
        assertEquals(143, r.exit(), "the JVM did not end by SIGTERM: " + r.stderr());
        assertTrue(r.stderr().contains("http-worker: stopped serving"), "no shutdown hook ran: " + r.stderr());
        assertFalse(ImageContents.JVM_WARNING.matcher(r.stderr()).find(), "the JVM warned:\n" + r.stderr());
    }

    @Test
    void theImageLinksTheSdkAndNeitherTemporalNorItsTestingJars() throws Exception {
        Set<String> modules = ImageContents.modules(IMAGE);
        assertTrue(modules.containsAll(Set.of("worker.images", "nexusrpc.http", "nexusrpc.handler",
                "com.fasterxml.jackson.databind", "org.slf4j.simple", "jdk.httpserver")), modules.toString());
        for (String module : modules) {
            assertTrue(module.startsWith("java.") || module.startsWith("jdk.") || module.startsWith("nexusrpc.")
                    || module.startsWith("com.fasterxml.jackson.") || module.startsWith("org.slf4j")
                    || module.equals("worker.images"), "linked: " + module + " of " + modules);
        }
        // what the application does not use stays out: no AWT, SQL, compiler, Unsafe, HTTP/2 engine of Jetty
        for (String unwanted : List.of("java.desktop", "java.sql", "jdk.compiler", "jdk.unsupported", "java.xml")) {
            assertFalse(modules.contains(unwanted), unwanted + " linked: " + modules);
        }
        assertEquals(List.of(), ImageContents.jars(IMAGE.resolve("lib")), "jars beside the linked modules");
        assertFalse(Files.exists(IMAGE.resolve(Path.of("lib", "app"))), "a class path in the HTTP image");
    }

    @Test
    void theApplicationClassesComeFromTheImagesCdsArchive() throws Exception {
        Path archive = IMAGE.resolve(Path.of("lib", "server", "classes.jsa"));
        assertTrue(Files.isRegularFile(archive), "no CDS archive at " + archive + ": see target/http-cds-dump.log");
        // -Xshare:on fails at start-up if the archive cannot be mapped; the class log says where each class came from
        HttpFirstResponse.Result r = HttpFirstResponse.measure(List.of(IMAGE.resolve("bin/java").toString(),
                "-Xshare:on", "-Xlog:class+load=info:file=" + LOGS.resolve("class-load.log"),
                "-m", "worker.images/worker.images.http.HttpWorker"), Map.of(), LOGS, "shared");
        assertEquals("HTTP/1.1 200 OK\n{\"text\":\"hi\"}", r.response(), r.stderr());
        String loads = Files.readString(LOGS.resolve("class-load.log"));
        for (String type : List.of("worker.images.http.HttpWorker", "nexusrpc.http.NexusHttpServer",
                "nexusrpc.handler.NexusHandler", "com.fasterxml.jackson.databind.ObjectMapper")) {
            assertTrue(loads.contains(type + " source: shared objects file"), type + " not from the archive");
        }
    }
}
