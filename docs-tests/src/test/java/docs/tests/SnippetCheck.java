package docs.tests;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the Java snippets of Markdown files (see {@link SnippetSource} for how each becomes a source, and
 * docs-tests/README.md for the comments that steer it) and reports every problem with the doc's file and line.
 *
 * <p>All file and fragment snippets, with the context classes, are compiled in one javac run against the given
 * class path, with the SDK's compile-time checker ({@code nexusrpc.processor}) on and every lint warning counted as
 * a problem; each module snippet is compiled on its own on the module path.
 */
final class SnippetCheck {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*$");
    private static final Pattern LOOKS_LIKE_JAVA = Pattern.compile(
            "^(package\\s|import\\s|module\\s|open module\\s|@[A-Z]\\w*|public\\s+(final\\s+)?(class|interface|record)\\s)");
    private static final List<String> JAVAC_OPTIONS = List.of("--release", "17", "-Xlint:all,-processing,-path,-classfile",
            "-Xmaxerrs", "1000", "-Xmaxwarns", "1000", "-parameters");

    /**
     * What a check found.
     *
     * @param problems each as {@code file:line: message}; empty when every snippet compiled without warnings
     * @param compiled where each compiled snippet is ({@code file:line}, kind)
     * @param notCompiled where each snippet marked {@code not compiled} is, with its reason
     */
    record Report(List<String> problems, List<String> compiled, List<String> notCompiled) {}

    private final Path root;
    private final Path contexts;
    private final List<Path> classPath;
    private final Path output;
    private final List<String> problems = new ArrayList<>();
    private final List<String> compiled = new ArrayList<>();
    private final List<String> notCompiled = new ArrayList<>();

    /**
     * @param root the repository root, against which doc names are reported
     * @param contexts the source folder of the context classes
     * @param classPath what the snippets are compiled against; the entry of nexusrpc.processor is also the processor
     *     path, and the entries that are explicit modules are the module path of module snippets
     * @param output where the generated sources and classes go (emptied first)
     */
    SnippetCheck(Path root, Path contexts, List<Path> classPath, Path output) {
        this.root = root;
        this.contexts = contexts;
        this.classPath = classPath;
        this.output = output;
    }

    /** Checks every Java snippet of {@code docs}. */
    Report run(List<Path> docs) throws IOException {
        deleteRecursively(output);
        List<SnippetSource> sources = new ArrayList<>();
        for (Path doc : docs) {
            String name = root.relativize(doc.toAbsolutePath().normalize()).toString().replace('\\', '/');
            sources.addAll(read(MarkdownDoc.parse(name, Files.readString(doc))));
        }
        compileClassPathSnippets(sources.stream().filter(s -> s.kind() != SnippetSource.Kind.MODULE)
                .collect(Collectors.toList()));
        int n = 0;
        for (SnippetSource module : sources) {
            if (module.kind() == SnippetSource.Kind.MODULE) {
                compileModule(module, output.resolve("modules").resolve(Integer.toString(++n)));
            }
        }
        for (SnippetSource s : sources) {
            compiled.add(s.block().where() + " " + s.kind().name().toLowerCase(Locale.ROOT) + " "
                    + (s.packageName().isEmpty() ? "" : s.packageName() + ".") + s.fileName());
        }
        return new Report(List.copyOf(problems), List.copyOf(compiled), List.copyOf(notCompiled));
    }

    private List<SnippetSource> read(MarkdownDoc doc) throws IOException {
        for (String setting : doc.settings()) {
            String unknown = Directives.unknownItem(setting);
            if (unknown != null) {
                problems.add(doc.name() + ": unknown item \"" + unknown + "\" in <!-- snippets: " + setting
                        + " -->; the keys are " + Directives.KEYS);
            }
        }
        String slug = Path.of(doc.name()).getFileName().toString().replaceFirst("\\.md$", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String docPackage = doc.setting("package", "com.example.docs." + slug);
        String docContext = doc.setting("context", null);
        List<SnippetSource> sources = new ArrayList<>();
        for (CodeBlock block : doc.blocks()) {
            String unknown = Directives.unknownItem(block.directive());
            if (unknown != null) {
                problems.add(block.where() + ": unknown item \"" + unknown + "\" in <!-- snippet: "
                        + block.directive() + " -->; the keys are " + Directives.KEYS);
            }
            if (!block.language().equals("java")) {
                String first = block.lines().stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
                if (block.language().isEmpty() && LOOKS_LIKE_JAVA.matcher(first).find()) {
                    problems.add(block.where() + ": this block looks like Java: label it ```java so that it is"
                            + " compiled (or give it another language)");
                }
                continue;
            }
            String reason = Directives.value(block.directive(), "not compiled");
            if (reason != null) {
                if (reason.isEmpty()) {
                    problems.add(block.where() + ": <!-- snippet: not compiled: ... --> needs a reason");
                }
                notCompiled.add(block.where() + ": " + reason);
                continue;
            }
            String context = Directives.value(block.directive(), "context");
            context = context != null ? context : docContext;
            List<String> imports = List.of();
            if (context != null) {
                Path source = contexts.resolve(docPackage.replace('.', '/')).resolve(context + ".java");
                if (Files.isRegularFile(source)) {
                    imports = Files.readAllLines(source).stream().filter(l -> IMPORT.matcher(l).matches())
                            .collect(Collectors.toList());
                } else {
                    problems.add(block.where() + ": context class " + docPackage + "." + context + " not found: write "
                            + root.relativize(source.toAbsolutePath().normalize()));
                    continue;
                }
            }
            sources.add(SnippetSource.of(block, docPackage, context, imports));
        }
        return sources;
    }

    private void compileClassPathSnippets(List<SnippetSource> snippets) throws IOException {
        Path src = output.resolve("src");
        Map<Path, SnippetSource> byFile = new LinkedHashMap<>();
        for (SnippetSource s : snippets) {
            Path file = src.resolve(s.packageName().replace('.', '/')).resolve(s.fileName() + ".java");
            SnippetSource other = byFile.putIfAbsent(file.toAbsolutePath().normalize(), s);
            if (other != null) {
                problems.add(s.block().where() + ": declares " + s.packageName() + "." + s.fileName() + ", as "
                        + other.block().where() + " does: rename one, or put the docs in different packages"
                        + " (<!-- snippets: package ... -->)");
                continue;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.text());
        }
        List<Path> files = new ArrayList<>(byFile.keySet());
        if (Files.isDirectory(contexts)) {
            try (Stream<Path> walk = Files.walk(contexts)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        if (files.isEmpty()) {
            return;
        }
        List<String> options = new ArrayList<>(JAVAC_OPTIONS);
        options.addAll(List.of("-d", output.resolve("classes").toString(),
                "-classpath", join(classPath),
                "-processorpath", join(classPath.stream()
                        .filter(p -> p.toString().contains("nexusrpc.processor")).collect(Collectors.toList()))));
        compile(files, options, byFile);
    }

    private void compileModule(SnippetSource module, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path info = dir.resolve("module-info.java");
        Files.writeString(info, module.text());
        List<Path> files = new ArrayList<>(List.of(info));
        for (String[] stub : module.extraSources()) {
            Path file = dir.resolve(stub[0].replace('.', '/')).resolve("DocSnippetStub.java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, stub[1]);
            files.add(file);
        }
        List<Path> modulePath = classPath.stream().filter(SnippetCheck::isExplicitModule).collect(Collectors.toList());
        List<String> options = new ArrayList<>(JAVAC_OPTIONS);
        options.addAll(List.of("-d", dir.resolve("classes").toString(), "--module-path", join(modulePath)));
        Map<Path, SnippetSource> byFile = new HashMap<>();
        for (Path f : files) {
            byFile.put(f.toAbsolutePath().normalize(), module);
        }
        compile(files, options, byFile);
    }

    private void compile(List<Path> files, List<String> options, Map<Path, SnippetSource> byFile) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            javac.getTask(out, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.NOTE || d.getKind() == Diagnostic.Kind.OTHER) {
                continue;
            }
            String message = d.getMessage(Locale.ROOT).replace("\n", "\n    ");
            String kind = d.getKind() == Diagnostic.Kind.ERROR ? "error" : "warning";
            if (d.getSource() == null) {
                problems.add("javac " + kind + ": " + message);
                continue;
            }
            Path file = Path.of(d.getSource().toUri()).toAbsolutePath().normalize();
            SnippetSource s = byFile.get(file);
            if (s == null) {
                // a context class
                problems.add(root.relativize(file) + ":" + d.getLineNumber() + ": " + kind + ": " + message);
            } else {
                String line = s.kind() == SnippetSource.Kind.MODULE && !file.endsWith("module-info.java")
                        ? Integer.toString(s.block().fenceLine())
                        : Integer.toString(s.docLine(d.getLineNumber()));
                problems.add(s.block().doc() + ":" + line + ": " + kind + ": " + message
                        + "\n    (generated source: " + root.relativize(file) + ":" + d.getLineNumber() + ")");
            }
        }
        if (!out.toString().isBlank()) {
            problems.add("javac printed: " + out);
        }
    }

    private static boolean isExplicitModule(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve("module-info.class"));
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            // at the root, or in a multi-release jar for Java 9+ (SLF4J's, for one)
            return jar.getEntry("module-info.class") != null
                    || jar.getEntry("META-INF/versions/9/module-info.class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
