package docs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet check itself: it finds what is wrong and names the doc's line, for every kind of snippet. */
class SnippetCheckTest {
    @TempDir
    Path dir;

    @Test
    void aFragmentThatDoesNotCompileIsReportedAtItsLineInTheDoc() throws IOException {
        SnippetCheck.Report report = check("guide.md", String.join("\n",
                "# Guide",                                       // 1
                "<!-- snippets: context GuideContext -->",       // 2
                "",                                              // 3
                "```java",                                       // 4
                "String greeting = name.toUpperCase();",         // 5: name comes from the context
                "int length = greeting.lenght();",               // 6: typo
                "```"),
                "package com.example.docs.guide;\n\nabstract class GuideContext {\n    String name;\n}\n");

        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("guide.md:6: error: cannot find symbol"),
                report.problems().get(0));
    }

    @Test
    void aFragmentWithMembersAndStatementsCompiles() throws IOException {
        SnippetCheck.Report report = check("guide.md", String.join("\n",
                "```java",
                "record Point(int x, int y) {}",
                "",
                "@Deprecated",
                "static int twice(int v) {",
                "    return 2 * v;",
                "}",
                "",
                "// statements follow",
                "Point p = new Point(1, 2);",
                "int x = twice(p.x());",
                "```"), null);

        assertEquals(List.of(), report.problems());
        assertEquals(1, report.compiled().size());
    }

    @Test
    void aFileSnippetIsCompiledInTheDocsPackageAndAWarningIsAProblem() throws IOException {
        SnippetCheck.Report report = check("guide.md", String.join("\n",
                "<!-- snippets: package com.example.shop -->",   // 1
                "```java",                                       // 2
                "import java.util.ArrayList;",                   // 3
                "import java.util.List;",                        // 4
                "",                                              // 5
                "public final class Cart {",                     // 6
                "    @SuppressWarnings(\"rawtypes\")",           // 7
                "    List items = new ArrayList();",             // 8
                "    void add(Object o) { items.add(o); }",      // 9: unchecked
                "}",
                "```"), null);

        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("guide.md:9: warning: unchecked call to add(E)"), report.problems().get(0));
        assertTrue(report.compiled().get(0).endsWith("file com.example.shop.Cart"), report.compiled().toString());
    }

    @Test
    void theCompileTimeCheckerRunsOnTheSnippets() throws IOException {
        SnippetCheck.Report report = check("guide.md", String.join("\n",
                "```java",                                                  // 1
                "@nexusrpc.api.Service",                                    // 2
                "interface Greeter {",                                      // 3
                "    @nexusrpc.api.Operation String greet(String name);",   // 4
                "}",                                                        // 5
                "",                                                         // 6
                "@nexusrpc.api.handler.ServiceImpl(Greeter.class)",         // 7
                "static final class GreeterImpl {",                         // 8
                "}",
                "```"), null);

        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("guide.md:"), report.problems().get(0));
        assertTrue(report.problems().get(0).contains("greet"), report.problems().get(0));
    }

    @Test
    void aModuleSnippetIsCompiledOnTheModulePath() throws IOException {
        SnippetCheck.Report report = check("guide.md", String.join("\n",
                "```java",                                                       // 1
                "module com.example.shop {",                                     // 2
                "    requires nexusrpc.http;",                                   // 3
                "    exports com.example.shop to nexusrpc.handler;",             // 4
                "    opens com.example.shop to com.fasterxml.jackson.databind;", // 5
                "    requires no.such.module;",                                  // 6
                "}",
                "```"), null);

        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("guide.md:6: error: module not found: no.such.module"),
                report.problems().get(0));
    }

    @Test
    void javaThatIsNotLabelledAndSnippetsLeftOutWithoutReasonAreProblems() throws IOException {
        SnippetCheck.Report report = check("guide.md", String.join("\n",
                "```",                                  // 1
                "import java.util.List;",               // 2
                "```",                                  // 3
                "<!-- snippet: not compiled -->",       // 4
                "```java",                              // 5
                "this is no Java",                      // 6
                "```",                                  // 7
                "<!-- snippet: not compiled: shows a compile error on purpose -->",
                "```java",                              // 9
                "int x = \"no\";",
                "```"), null);

        assertEquals(List.of("guide.md:1: this block looks like Java: label it ```java so that it is compiled (or give"
                + " it another language)", "guide.md:5: <!-- snippet: not compiled: ... --> needs a reason"),
                report.problems());
        assertEquals(List.of("guide.md:5: ", "guide.md:9: shows a compile error on purpose"), report.notCompiled());
    }

    @Test
    void aMissingContextClassIsNamed() throws IOException {
        SnippetCheck.Report report = check("guide.md", "<!-- snippet: context Nowhere -->\n```java\nint x = 1;\n```\n",
                null);

        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("guide.md:2: context class com.example.docs.guide.Nowhere not"
                + " found: write contexts/com/example/docs/guide/Nowhere.java"), report.problems().get(0));
    }

    /** Checks one doc, with a context class {@code GuideContext} of the given source if not null. */
    private SnippetCheck.Report check(String name, String markdown, String guideContext) throws IOException {
        Path doc = dir.resolve(name);
        Files.writeString(doc, markdown);
        Path contexts = dir.resolve("contexts");
        if (guideContext != null) {
            Path source = contexts.resolve("com/example/docs/guide/GuideContext.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, guideContext);
        }
        List<Path> classPath = Stream.of(System.getProperty("docs.classPath", "").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).collect(Collectors.toList());
        return new SnippetCheck(dir, contexts, classPath, dir.resolve("out")).run(List.of(doc));
    }
}
