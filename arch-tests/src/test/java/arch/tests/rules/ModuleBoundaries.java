package arch.tests.rules;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.module.ModuleDescriptor;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ArchUnit condition behind "a module uses another module only through packages that module exports to it":
 * what the compiler enforces for code that is compiled as modules, checked here on the bytecode so that class
 * path builds and reflection-free tricks cannot slip past it.
 */
final class ModuleBoundaries extends ArchCondition<JavaClass> {
    private final Function<String, Optional<ModuleDescriptor>> ownerOfPackage;

    /**
     * @param ownerOfPackage the module descriptor that owns a package, empty for packages on the class path
     */
    ModuleBoundaries(Function<String, Optional<ModuleDescriptor>> ownerOfPackage) {
        super("use other modules only through the packages they export to them");
        this.ownerOfPackage = ownerOfPackage;
    }

    @Override
    public void check(JavaClass origin, ConditionEvents events) {
        Optional<ModuleDescriptor> from = ownerOfPackage.apply(origin.getPackageName());
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
            String pkg = d.getTargetClass().getBaseComponentType().getPackageName();
            ownerOfPackage.apply(pkg)
                    .filter(to -> from.isEmpty() || !to.name().equals(from.get().name()))
                    .filter(to -> !exports(to, pkg, from.map(ModuleDescriptor::name)))
                    .ifPresent(to -> events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": module "
                            + to.name() + " does not export " + pkg + " to "
                            + from.map(m -> "module " + m.name()).orElse("the class path"))));
        }
    }

    /** Whether {@code owner} exports {@code pkg} to {@code reader} (empty: the unnamed module). */
    static boolean exports(ModuleDescriptor owner, String pkg, Optional<String> reader) {
        if (owner.isAutomatic()) {
            return true;
        }
        return owner.exports().stream().anyMatch(e -> e.source().equals(pkg)
                && (!e.isQualified() || reader.map(e.targets()::contains).orElse(false)));
    }
}
