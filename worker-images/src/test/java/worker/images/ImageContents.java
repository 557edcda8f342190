package worker.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/** What an image holds: its linked modules (asked of its own java) and the classes of its class-path jars. */
final class ImageContents {
    /** How the JVM itself warns (sun.misc.Unsafe, native access, CDS): log lines of the SDK start otherwise. */
    static final Pattern JVM_WARNING = Pattern.compile("(?m)^(WARNING: |\\[[^]]*\\]\\[warning\\])");
    /**
     * Where Temporal's test server and testing classes live; neither image may hold any of them. (The service
     * client has classes of its own in {@code io.temporal.internal.testservice}; the server is its
     * TestWorkflowService.)
     */
    static final List<String> TESTING_PACKAGES = List.of("io/temporal/testserver/", "io/temporal/testing/",
            "io/temporal/internal/testservice/TestWorkflowService", "org/junit/");

    private ImageContents() {}

    /** The names of the modules linked into {@code image}, from {@code bin/java --list-modules}. */
    static Set<String> modules(Path image) throws IOException, InterruptedException {
        Path list = Files.createTempFile("list-modules", ".out");
        try {
            Process p = new ProcessBuilder(image.resolve("bin/java").toString(), "--list-modules")
                    .redirectErrorStream(true).redirectOutput(list.toFile()).start();
            if (!p.waitFor(Launch.PATIENCE_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("java --list-modules failed: " + Files.readString(list));
            }
            Set<String> names = new TreeSet<>();
            for (String line : Files.readAllLines(list)) {
                if (!line.isBlank()) {
                    names.add(line.strip().split("@")[0]);
                }
            }
            return names;
        } finally {
            Files.delete(list);
        }
    }

    /** The jars directly in {@code dir} (none if it does not exist), by file name; not the JDK's jrt-fs.jar. */
    static List<String> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".jar") && !n.equals("jrt-fs.jar")).sorted().toList();
        }
    }

    /** For each jar of {@code dir} holding an entry under one of {@link #TESTING_PACKAGES}: the first such entry. */
    static Map<String, String> testingClasses(Path dir) throws IOException {
        Map<String, String> found = new java.util.TreeMap<>();
        for (String jar : jars(dir)) {
            try (ZipFile zip = new ZipFile(dir.resolve(jar).toFile())) {
                zip.stream().map(e -> e.getName()).filter(n -> TESTING_PACKAGES.stream().anyMatch(n::startsWith))
                        .findFirst().ifPresent(n -> found.put(jar, n));
            }
        }
        return found;
    }
}
