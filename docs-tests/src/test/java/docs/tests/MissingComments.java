package docs.tests;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The public API declarations of one package's sources that have no doc comment: what javadoc's doclint group
 * "missing" reports as "no comment", without its demand for an {@code @param} and {@code @return} on every method.
 * A declaration is public API when it and every type around it are public or protected (members of interfaces
 * and annotation types are public unless private); methods marked {@code @Override} inherit their comment.
 *
 * @param problems each as {@code file:line: no comment on what}
 * @param checked how many declarations were looked at
 */
record MissingComments(List<String> problems, int checked) {
    /** Parses the {@code .java} files of {@code packageDir} (not its subpackages); names files relative to root. */
    static MissingComments in(Path packageDir, Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(packageDir)) {
            files = list.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"))
                    .sorted().collect(Collectors.toList());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("--release", "17", "-proc:none"),
                    null, fm.getJavaFileObjectsFromPaths(files));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Boolean>() {
                    @Override
                    public Void visitClass(ClassTree c, Boolean enclosingIsInterface) {
                        if (!isApi(c.getModifiers(), enclosingIsInterface)) {
                            return null; // nothing inside a non-API type is API
                        }
                        check(c.getSimpleName() + "", c.getModifiers());
                        // scan(TreePath, ...) forgets the current path when it returns: keep this one
                        TreePath here = getCurrentPath();
                        boolean isInterface = c.getKind() == Tree.Kind.INTERFACE
                                || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
                        for (Tree member : c.getMembers()) {
                            scan(new TreePath(here, member), isInterface);
                        }
                        return null;
                    }

                    @Override
                    public Void visitMethod(MethodTree m, Boolean enclosingIsInterface) {
                        boolean overrides = m.getModifiers().getAnnotations().stream()
                                .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
                        if (!overrides && isApi(m.getModifiers(), enclosingIsInterface)) {
                            check(m.getName().contentEquals("<init>") ? "constructor" : m.getName() + "()",
                                    m.getModifiers());
                        }
                        return null;
                    }

                    @Override
                    public Void visitVariable(VariableTree v, Boolean enclosingIsInterface) {
                        if (isApi(v.getModifiers(), enclosingIsInterface)) {
                            check(v.getName() + "", v.getModifiers());
                        }
                        return null;
                    }

                    private void check(String what, ModifiersTree modifiers) {
                        checked[0]++;
                        if (docs.getDocComment(getCurrentPath()) == null) {
                            long pos = docs.getSourcePositions().getStartPosition(unit, getCurrentPath().getLeaf());
                            problems.add(root.relativize(Path.of(unit.getSourceFile().toUri())) + ":"
                                    + unit.getLineMap().getLineNumber(pos) + ": no comment on " + what);
                        }
                    }
                }.scan(new TreePath(unit), false);
            }
        }
        return new MissingComments(problems, checked[0]);
    }

    private static boolean isApi(ModifiersTree modifiers, boolean inInterface) {
        return modifiers.getFlags().contains(Modifier.PUBLIC) || modifiers.getFlags().contains(Modifier.PROTECTED)
                || inInterface && !modifiers.getFlags().contains(Modifier.PRIVATE);
    }
}
