package arch.tests.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Temporal-only worker needs the engine but not HTTP: links an image of the engine (what {@code temporal.nexus}
 * requires of ours, with Jackson and SLF4J) with {@code jlink}, and shows that it holds neither {@code
 * jdk.httpserver} nor {@code java.net.http}. Temporal's own jars add no HTTP module either ({@code jdeps} lists
 * {@code java.base} and {@code jdk.management} for them); they stay on the image's class path because they split
 * packages.
 */
class TemporalWorkerImageTest {
    private static final Set<String> ENGINE_AND_LIBRARIES = Set.of("nexusrpc.api", "nexusrpc.spi",
            "nexusrpc.handler", "com.fasterxml.jackson.databind", "com.fasterxml.jackson.core",
            "com.fasterxml.jackson.annotation", "org.slf4j");

    @TempDir
    Path work;

    @Test
    void theEngineLinksWithoutTheJdkHttpModules() throws IOException, InterruptedException {
        assumeTrue("module-path".equals(System.getProperty("arch.mode")), "needs the modules' jars: module path only");
        List<String> modulePath = new ArrayList<>();
        for (ResolvedModule m : ModuleLayer.boot().configuration().modules()) {
            if (ENGINE_AND_LIBRARIES.contains(m.name())) {
                modulePath.add(Path.of(m.reference().location().orElseThrow()).toString());
            }
        }
        assertEquals(ENGINE_AND_LIBRARIES.size(), modulePath.size(), "found " + modulePath);
        Path image = work.resolve("image");
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        assumeTrue(Files.isExecutable(jlink), "a JDK with jlink");
        Process p = new ProcessBuilder(jlink.toString(), "--module-path",
                String.join(java.io.File.pathSeparator, modulePath), "--add-modules", "nexusrpc.handler",
                "--output", image.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "jlink finished");
        assertEquals(0, p.exitValue(), output);

        Set<String> linked = Files.readAllLines(image.resolve("release")).stream()
                .filter(l -> l.startsWith("MODULES="))
                .flatMap(l -> List.of(l.substring("MODULES=".length()).replace("\"", "").split(" ")).stream())
                .collect(Collectors.toSet());
        assertTrue(linked.contains("nexusrpc.handler"), "linked: " + linked);
        assertFalse(linked.contains("jdk.httpserver"), "linked: " + linked);
        assertFalse(linked.contains("java.net.http"), "linked: " + linked);
    }
}
