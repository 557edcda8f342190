package docs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of README.md and docs/*.md compiles: the docs are code. A new doc in docs/ is picked up
 * without anything to register.
 *
 * <p>How a snippet is compiled, and the HTML comments that steer it ({@code <!-- snippets: package ...; context ...
 * -->} for a file, {@code <!-- snippet: context ... -->} or {@code <!-- snippet: not compiled: reason -->} for the
 * next block): docs-tests/README.md. In short: a block that starts with {@code package} or {@code import} is a
 * source file; a {@code module} declaration is a module-info compiled on the module path; anything else is a
 * fragment, wrapped in a class that extends the doc's context class (in {@code src/contexts/java}, package of the
 * doc) where the names the fragment takes as given are declared. A failure names the doc's file and line.
 */
class DocSnippetsTest {
    private static final Path ROOT = Path.of(System.getProperty("docs.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyJavaSnippetOfTheDocsCompiles() throws IOException {
        List<Path> docs = docs();
        SnippetCheck.Report report = check(docs);

        System.out.println("Compiled " + report.compiled().size() + " snippets of " + docs.size() + " docs:");
        report.compiled().forEach(s -> System.out.println("  " + s));
        report.notCompiled().forEach(s -> System.out.println("  not compiled: " + s));
        assertEquals(List.of(), report.problems(), () -> report.problems().size() + " problem(s) in the docs' "
                + "snippets:\n" + String.join("\n", report.problems()) + "\n(docs-tests/README.md says how snippets"
                + " are compiled)\n");
        assertTrue(report.compiled().size() >= 10, "the docs have snippets: " + report.compiled());
    }

    @Test
    void theDocsAreReadmeAndEveryMarkdownFileOfDocs() throws IOException {
        List<String> names = docs().stream().map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                .collect(Collectors.toList());
        assertEquals("README.md", names.get(0));
        assertTrue(names.contains("docs/http.md") && names.contains("docs/temporal.md"), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("docs-tests")), names.toString());
    }

    /** README.md, then every docs/*.md in name order. */
    static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The check with this build's class path, contexts and output folder. */
    static SnippetCheck.Report check(List<Path> docs) throws IOException {
        return checker(Path.of(System.getProperty("docs.output", "target/snippets"))).run(docs);
    }

    static SnippetCheck checker(Path output) {
        String classPath = System.getProperty("docs.classPath");
        if (classPath == null || classPath.isBlank()) {
            throw new IllegalStateException("system property docs.classPath is not set: run this test with Maven");
        }
        List<Path> entries = Stream.of(classPath.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
                .collect(Collectors.toList());
        return new SnippetCheck(ROOT, Path.of(System.getProperty("docs.contexts", "src/contexts/java")), entries,
                output);
    }
}
