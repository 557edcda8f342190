package arch.tests.rules;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ArchUnit condition "mentions package P": uses one of its classes, or names it in a string constant, which
 * ArchUnit's dependencies do not show ({@code Class.forName("p.Kind")}, a hard-coded provider name). Strings are
 * found in the class file itself, so a class without a readable source (a class file ArchUnit did not import
 * from a file) is checked by its dependencies only.
 */
final class MentionsOfPackage extends ArchCondition<JavaClass> {
    private final String packageName;

    /** @param packageName a package and its subpackages, e.g. {@code jlink.demo} */
    MentionsOfPackage(String packageName) {
        super("mention " + packageName + " (use its classes or name them in a string)");
        this.packageName = packageName;
    }

    @Override
    public void check(JavaClass origin, ConditionEvents events) {
        List<Dependency> uses = origin.getDirectDependenciesFromSelf().stream()
                .filter(d -> isInPackage(d.getTargetClass().getBaseComponentType().getPackageName()))
                .collect(Collectors.toList());
        for (Dependency d : uses) {
            events.add(SimpleConditionEvent.satisfied(d, d.getDescription()));
        }
        if (uses.isEmpty()) {
            boolean named = origin.getSource().map(this::namesThePackage).orElse(false);
            events.add(new SimpleConditionEvent(origin, named, origin.getName()
                    + (named ? " names " : " does not name ") + packageName + " in its class file"));
        }
    }

    private boolean isInPackage(String pkg) {
        return pkg.equals(packageName) || pkg.startsWith(packageName + ".");
    }

    /** Whether the class file's constant pool holds the package name, dotted (a string) or slashed (a type). */
    private boolean namesThePackage(Source source) {
        try (InputStream in = source.getUri().toURL().openStream()) {
            // constant pool strings are modified UTF-8, which is ASCII for package names
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return text.contains(packageName + ".") || text.contains(packageName.replace('.', '/') + "/");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.getUri(), e);
        }
    }
}
