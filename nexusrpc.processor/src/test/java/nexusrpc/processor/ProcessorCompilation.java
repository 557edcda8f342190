package nexusrpc.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import nexusrpc.api.Service;

/**
 * Compiles Java sources held in memory with the compile-time checker on the processor path, found the way users'
 * builds find it (its {@code META-INF/services} entry in the directory the {@code processor} jar is built from),
 * and gives access to the diagnostics.
 */
final class ProcessorCompilation {
    private final Map<String, String> sources;
    private final List<Diagnostic<? extends JavaFileObject>> diagnostics;

    private ProcessorCompilation(Map<String, String> sources, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        this.sources = sources;
        this.diagnostics = diagnostics;
    }

    /** Compiles {@code sources} (file name without {@code .java} to text) against nexusrpc.api. */
    static ProcessorCompilation compile(Map<String, String> sources) {
        return compile(sources, List.of());
    }

    /** Compiles {@code sources} against nexusrpc.api and {@code libraries} (class directories). */
    static ProcessorCompilation compile(Map<String, String> sources, List<Path> libraries) {
        String processorClasses = System.getProperty("nexusrpc.processor.classes");
        assertNotNull(processorClasses, "surefire sets nexusrpc.processor.classes");
        Path out = tempDirectory();
        try {
            List<Diagnostic<? extends JavaFileObject>> diagnostics =
                    run(sources, libraries, out, List.of(Path.of(processorClasses)));
            return new ProcessorCompilation(sources, diagnostics);
        } finally {
            delete(out);
        }
    }

    /**
     * Compiles {@code sources} without the checker, as a library built elsewhere, and returns its class
     * directory; the caller deletes it with {@link #delete(Path)}.
     */
    static Path compileLibrary(Map<String, String> sources) {
        Path out = tempDirectory();
        List<Diagnostic<? extends JavaFileObject>> diagnostics = run(sources, List.of(), out, null);
        assertEquals(List.of(), diagnostics, "the library compiles");
        return out;
    }

    private static List<Diagnostic<? extends JavaFileObject>> run(
            Map<String, String> sources, List<Path> libraries, Path out, List<Path> processorPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK");
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(collector, Locale.ROOT, null)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            List<Path> classPath = new ArrayList<>(libraries);
            classPath.add(location(Service.class));
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            if (processorPath != null) {
                files.setLocationFromPaths(StandardLocation.ANNOTATION_PROCESSOR_PATH, processorPath);
            }
            List<JavaFileObject> units = sources.entrySet().stream()
                    .map(e -> source(e.getKey(), e.getValue())).collect(Collectors.toList());
            List<String> options = processorPath == null ? List.of("-proc:none") : List.of();
            javac.getTask(null, files, collector, options, null, units).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(collector.getDiagnostics());
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("processor-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Diagnostic<? extends JavaFileObject>> diagnostics() {
        return diagnostics;
    }

    List<Diagnostic<? extends JavaFileObject>> errors() {
        return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
    }

    /**
     * Asserts there is exactly one error whose message contains every one of {@code messageParts}, and that it
     * points at the line of {@code file} that contains {@code elementLine} (the element's declaration).
     */
    Diagnostic<? extends JavaFileObject> assertError(String file, String elementLine, String... messageParts) {
        List<Diagnostic<? extends JavaFileObject>> matching = errors().stream()
                .filter(d -> Stream.of(messageParts).allMatch(message(d)::contains))
                .collect(Collectors.toList());
        if (matching.size() != 1) {
            fail("expected one error containing " + List.of(messageParts) + ", got " + matching.size() + " in:\n"
                    + describe());
        }
        Diagnostic<? extends JavaFileObject> d = matching.get(0);
        assertTrue(d.getSource().getName().endsWith(file + ".java"), () -> "reported in " + d.getSource().getName());
        String line = sources.get(file).lines().skip(d.getLineNumber() - 1).findFirst().orElse("");
        assertTrue(line.contains(elementLine), () -> "reported on line " + d.getLineNumber() + " \"" + line.strip()
                + "\", expected the line with \"" + elementLine + "\"");
        return d;
    }

    /** Asserts the errors are exactly as many as expected, so no problem goes unreported or doubly reported. */
    void assertErrorCount(int expected) {
        assertEquals(expected, errors().size(), this::describe);
    }

    String describe() {
        return diagnostics.stream()
                .map(d -> d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName()) + ":"
                        + d.getLineNumber() + " " + message(d))
                .collect(Collectors.joining("\n"));
    }

    static String message(Diagnostic<?> d) {
        return d.getMessage(Locale.ROOT);
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JavaFileObject source(String name, String text) {
        return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }

    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
