package docs.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Java snippet turned into a compilation unit, with, for every line of the generated source, the Markdown line
 * it came from (0 for lines the check added), so that compiler messages name the doc's own lines.
 *
 * <p>Three kinds of snippet:
 * <ul>
 *   <li><b>file</b>: starts with {@code package} or {@code import}: compiled as it is, in the doc's package unless it
 *       names one;
 *   <li><b>module</b>: a module declaration, compiled as {@code module-info.java} on the module path, with an empty
 *       class in every package it exports or opens;
 *   <li><b>fragment</b>: anything else. Its member declarations (types, methods, fields: lines at the left margin
 *       that start with an annotation, a modifier or {@code class}/{@code interface}/{@code record}/{@code enum})
 *       become members of a generated class, its other lines the body of a method of that class, which may throw
 *       any exception. The class extends the snippet's context class, if it has one, and imports what the context's
 *       source imports: what the fragment takes as given (a {@code handler}, a {@code db}, payload types) is declared
 *       there.
 * </ul>
 *
 * @param block the snippet
 * @param kind how it is compiled
 * @param packageName the package of the generated source (for a module snippet: of its first stub)
 * @param fileName the source's file name, without {@code .java}
 * @param text the generated source
 * @param docLines for every line of {@code text} (0-based), the Markdown line it came from, or 0
 * @param extraSources the stubs of a module snippet: package name to source text
 */
record SnippetSource(CodeBlock block, Kind kind, String packageName, String fileName, String text, int[] docLines,
        List<String[]> extraSources) {
    /** How a snippet is compiled. */
    enum Kind { FILE, MODULE, FRAGMENT }

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^((?:public|protected|private|abstract|final|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern MODULE = Pattern.compile("^(open\\s+)?module\\s+([\\w.]+)");
    private static final Pattern EXPORTS = Pattern.compile("^\\s*(?:exports|opens)\\s+([\\w.]+)");
    private static final Pattern MEMBER_START = Pattern.compile(
            "^(@(?!interface)\\w|(public|protected|private|static|abstract|sealed|non-sealed|default)\\s"
                    + "|((final|strictfp)\\s+)*(class|interface|record|enum|@interface)\\s)");

    /** How a block of a doc whose package is {@code docPackage} is compiled, given its context's imports. */
    static SnippetSource of(CodeBlock block, String docPackage, String context, List<String> contextImports) {
        List<String> lines = block.lines();
        String first = firstCode(lines);
        if (first.startsWith("package ") || first.startsWith("import ")) {
            return file(block, docPackage);
        }
        if (MODULE.matcher(first).find()) {
            return module(block);
        }
        return fragment(block, docPackage, context, contextImports);
    }

    private static SnippetSource file(CodeBlock block, String docPackage) {
        Builder b = new Builder();
        String pkg = docPackage;
        String type = null;
        String publicType = null;
        for (String l : block.lines()) {
            Matcher p = PACKAGE.matcher(l);
            if (p.find()) {
                pkg = p.group(1);
            }
            Matcher t = TOP_LEVEL_TYPE.matcher(l);
            if (t.find()) {
                type = type == null ? t.group(3) : type;
                if (publicType == null && t.group(0).contains("public")) {
                    publicType = t.group(3);
                }
            }
        }
        if (pkg.equals(docPackage) && block.lines().stream().noneMatch(l -> PACKAGE.matcher(l).find())) {
            b.generated("package " + docPackage + ";");
        }
        b.all(block);
        String name = publicType != null ? publicType : type != null ? type : "DocSnippet" + block.fenceLine();
        return b.build(block, Kind.FILE, pkg, name, List.of());
    }

    private static SnippetSource module(CodeBlock block) {
        Builder b = new Builder();
        b.all(block);
        List<String[]> stubs = new ArrayList<>();
        for (String l : block.lines()) {
            Matcher e = EXPORTS.matcher(l);
            if (e.find() && stubs.stream().noneMatch(s -> s[0].equals(e.group(1)))) {
                stubs.add(new String[] {e.group(1), "package " + e.group(1) + ";\n\nfinal class DocSnippetStub {}\n"});
            }
        }
        return b.build(block, Kind.MODULE, stubs.isEmpty() ? "" : stubs.get(0)[0], "module-info", stubs);
    }

    private static SnippetSource fragment(CodeBlock block, String docPackage, String context,
            List<String> contextImports) {
        List<String> lines = block.lines();
        JavaLines java = new JavaLines(lines);
        List<Integer> members = new ArrayList<>();
        List<Integer> statements = new ArrayList<>();
        List<Integer> pendingComments = new ArrayList<>();
        List<Integer> current = null; // the chunk being read, until a line completes it
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n);
            if (current == null) {
                if (java.commentOnly(n)) {
                    pendingComments.add(n); // comments before a chunk go with it
                    continue;
                }
                current = MEMBER_START.matcher(l).find() ? members : statements;
                current.addAll(pendingComments);
                pendingComments.clear();
            }
            current.add(n);
            if (java.depthAtStart(n) >= 0 && java.completes(n, l)) {
                current = null;
            }
        }
        statements.addAll(pendingComments);

        Builder b = new Builder();
        String name = "DocSnippet" + block.fenceLine();
        b.generated("package " + docPackage + ";");
        for (String imp : contextImports) {
            b.generated(imp);
        }
        b.generated("/** " + block.where() + " */");
        b.generated("abstract class " + name + (context == null ? "" : " extends " + context) + " {");
        for (int n : members) {
            b.line(block, n);
        }
        b.generated("void snippet() throws Exception {");
        for (int n : statements) {
            b.line(block, n);
        }
        b.generated("}");
        b.generated("}");
        return b.build(block, Kind.FRAGMENT, docPackage, name, List.of());
    }

    private static String firstCode(List<String> lines) {
        JavaLines java = new JavaLines(lines);
        for (int n = 0; n < lines.size(); n++) {
            if (!java.commentOnly(n)) {
                return lines.get(n).strip();
            }
        }
        return "";
    }

    /** The Markdown line of 1-based line {@code line} of the generated source, or the block's fence line. */
    int docLine(long line) {
        int i = (int) line - 1;
        return i >= 0 && i < docLines.length && docLines[i] > 0 ? docLines[i] : block.fenceLine();
    }

    /** Collects generated lines and where each came from. */
    private static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<Integer> origins = new ArrayList<>();

        void generated(String line) {
            text.append(line).append('\n');
            origins.add(0);
        }

        void line(CodeBlock block, int n) {
            text.append(block.lines().get(n)).append('\n');
            origins.add(block.docLine(n));
        }

        void all(CodeBlock block) {
            for (int n = 0; n < block.lines().size(); n++) {
                line(block, n);
            }
        }

        SnippetSource build(CodeBlock block, Kind kind, String pkg, String name, List<String[]> extra) {
            return new SnippetSource(block, kind, pkg, name, text.toString(),
                    origins.stream().mapToInt(Integer::intValue).toArray(), extra);
        }
    }
}
