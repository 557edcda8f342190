package worker.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Temporal worker image as built by {@code mvn package}: its launcher serves one Nexus task of a workflow through
 * Temporal's test server (in this test's JVM, outside the image) and stops on SIGTERM; it links JDK modules only,
 * its class path holds Temporal's runtime jars but not the test server or testing jar, and its CDS archive covers
 * the class path. Run by failsafe.
 */
class TemporalWorkerImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("worker.images.temporal", "target/temporal-image"));
    private static final Path LOGS = Path.of("target", "failsafe-reports", "temporal-worker");
    private static TemporalFirstTask temporal;

    @BeforeAll
    static void startTemporal() throws Exception {
        temporal = new TemporalFirstTask();
    }

    @AfterAll
    static void stopTemporal() {
        if (temporal != null) {
            temporal.close();
        }
    }

    @Test
    void theLauncherServesOneNexusTaskAndStopsCleanlyOnSigterm() throws Exception {
        // the caller's result is the echoed text: measure() fails unless the worker served the task
        TemporalFirstTask.Result r = temporal.measure(List.of(IMAGE.resolve("bin/temporal-worker").toString()),
                Map.of(), LOGS, "launcher");
        assertEquals(143, r.exit(), "the JVM did not end by SIGTERM: " + r.stderr());
        assertTrue(r.stderr().contains("temporal-worker: stopped"), "no shutdown hook ran: " + r.stderr());
        // on JDK 24+ protobuf's and Guava's sun.misc.Unsafe and netty's native library would warn without the
        // launcher's options
        assertFalse(ImageContents.JVM_WARNING.matcher(r.stderr()).find(), "the JVM warned:\n" + r.stderr());
    }

    @Test
    void theImageCarriesTemporalsRuntimeButNoTestServerAndNoTestingJar() throws Exception {
        Set<String> modules = ImageContents.modules(IMAGE);
        assertTrue(modules.contains("java.base") && modules.contains("jdk.unsupported"), modules.toString());
        for (String module : modules) {
            assertTrue(module.startsWith("java.") || module.startsWith("jdk."), "linked: " + module);
        }
        List<String> jars = ImageContents.jars(IMAGE.resolve(Path.of("lib", "app")));
        for (String needed : List.of("temporal-sdk-", "temporal-serviceclient-", "temporal.nexus-", "grpc-api-",
                "protobuf-java-", "worker-images-temporal.jar")) {
            assertTrue(jars.stream().anyMatch(j -> j.startsWith(needed)), needed + " missing from " + jars);
        }
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("temporal-testing") || j.startsWith("temporal-test-server")
                || j.startsWith("junit")), "testing jars in the image: " + jars);
        assertEquals(Map.of(), ImageContents.testingClasses(IMAGE.resolve(Path.of("lib", "app"))),
                "test server or testing classes in the image's jars");
    }

    @Test
    void theClassPathsClassesComeFromTheImagesCdsArchive() throws Exception {
        Path archive = IMAGE.resolve(Path.of("lib", "app-cds.jsa"));
        assertTrue(Files.isRegularFile(archive), "no CDS archive at " + archive + ": see target/temporal-cds-dump.log");
        // through the launcher, whose class path is the one the archive was dumped with; -Xshare:on fails at
        // start-up if the archive cannot be mapped
        Path classLoads = LOGS.resolve("class-load.log");
        temporal.measure(List.of(IMAGE.resolve("bin/temporal-worker").toString()),
                Map.of("WORKER_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + classLoads.toAbsolutePath()), LOGS,
                "shared");
        String loads = Files.readString(classLoads);
        for (String type : List.of("worker.images.temporal.TemporalWorker", "temporal.nexus.TemporalNexusWorker",
                "io.temporal.client.WorkflowClient", "io.grpc.ManagedChannel", "com.google.protobuf.GeneratedMessageV3",
                "nexusrpc.handler.NexusHandler")) {
            assertTrue(loads.contains(type + " source: shared objects file"), type + " not from the archive");
        }
    }
}
