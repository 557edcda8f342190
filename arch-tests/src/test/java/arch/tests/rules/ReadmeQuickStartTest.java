package arch.tests.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start is real code: its Java blocks are, in order, the sources of package
 * {@code com.example.echo} (each without its {@code package} line), which this module compiles and runs as tests, on
 * the module path and on the class path. The package is a user's, not one of this project's, so the blocks paste
 * into a new project as they are (the consumer check, {@code .ci/consumer-check.sh}, does exactly that). Edit both
 * together; this test names the first block that differs.
 */
class ReadmeQuickStartTest {
    /** The quick start files, in the order the README shows them. */
    private static final List<String> FILES =
            List.of("EchoService.java", "EchoServiceImpl.java", "EchoOperation.java", "EchoServiceTest.java");

    private static final Pattern JAVA_BLOCK =
            Pattern.compile("^```java\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

    @Test
    void theQuickStartBlocksAreTheCompiledSources() throws IOException {
        Path readme = Path.of(System.getProperty("arch.readme", "README.md"));
        Path sources = Path.of(System.getProperty("arch.testSources", "src/test/java"), "com", "example", "echo");

        List<String> blocks = javaBlocks(section(Files.readString(readme), "## Quick start"));
        List<String> bodies = new ArrayList<>();
        for (String file : FILES) {
            bodies.add(withoutPackageLine(Files.readString(sources.resolve(file))));
        }

        assertEquals(FILES.size(), blocks.size(), "Java blocks in the README's quick start (one per file of "
                + sources + ": " + FILES + ")");
        for (int i = 0; i < FILES.size(); i++) {
            assertEquals(bodies.get(i), blocks.get(i), "README quick start block " + (i + 1) + " differs from "
                    + FILES.get(i));
        }
    }

    @Test
    void everyQuickStartSourceIsInTheReadme() throws IOException {
        Path sources = Path.of(System.getProperty("arch.testSources", "src/test/java"), "com", "example", "echo");
        try (Stream<Path> files = Files.list(sources)) {
            List<String> present = files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
            assertEquals(FILES.stream().sorted().collect(Collectors.toList()), present,
                    "a quick start source that the README does not show (or the other way round)");
        }
    }

    /** The text from {@code heading} to the next heading of the same level. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError("README has no \"" + heading + "\" section");
        }
        int end = markdown.indexOf("\n## ", start + heading.length() + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown.replace("\r\n", "\n"));
        while (m.find()) {
            blocks.add(m.group(1).strip());
        }
        return blocks;
    }

    private static String withoutPackageLine(String source) {
        String text = source.replace("\r\n", "\n");
        if (!text.startsWith("package ")) {
            throw new AssertionError("a quick start source must start with its package line");
        }
        return text.substring(text.indexOf('\n') + 1).strip();
    }
}
