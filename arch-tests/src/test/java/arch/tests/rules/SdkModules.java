package arch.tests.rules;

import static java.util.stream.Collectors.toUnmodifiableList;

import com.tngtech.archunit.core.importer.Location;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's modules with their locations (the jars or class directories Maven built) and, for every package of
 * every known module, the descriptor that owns it. Two sources:
 * <ul>
 *   <li>the boot layer of this test run: the modules on the module path, resolved;
 *   <li>the modules listed in system property {@value #UNRESOLVED_MODULES} (temporal.nexus, nexusrpc.spring,
 *       jlink.demo): their descriptors are read from their files and never resolved, because their dependencies
 *       cannot share this module path (Temporal's jars split packages; Spring's are automatic modules).
 * </ul>
 * Nothing here depends on where the repository is checked out.
 */
final class SdkModules {
    /** Module names the SDK uses: nexusrpc.*, the Temporal integration, the jlink demo and this kind module. */
    static final Predicate<String> IS_SDK_MODULE = name -> name.startsWith("nexusrpc.")
            || name.equals("temporal.nexus") || name.startsWith("jlink.") || name.equals("arch.tests");

    /** The system property listing the jars or class directories of the modules read but not resolved. */
    static final String UNRESOLVED_MODULES = "arch.unresolvedModules";

    private final List<ModuleReference> sdk;
    private final Map<String, ModuleDescriptor> ownerByPackage = new HashMap<>();

    private SdkModules(ModuleLayer layer, List<ModuleReference> unresolved) {
        Stream<ModuleReference> resolved = layer.configuration().modules().stream().map(ResolvedModule::reference);
        this.sdk = Stream.concat(resolved, unresolved.stream())
                .filter(r -> IS_SDK_MODULE.test(r.descriptor().name()))
                .sorted(Comparator.comparing(r -> r.descriptor().name()))
                .collect(toUnmodifiableList());
        for (ResolvedModule m : layer.configuration().modules()) {
            for (String pkg : m.reference().descriptor().packages()) {
                ownerByPackage.put(pkg, m.reference().descriptor());
            }
        }
        for (ModuleReference m : unresolved) {
            for (String pkg : m.descriptor().packages()) {
                ModuleDescriptor other = ownerByPackage.putIfAbsent(pkg, m.descriptor());
                if (other != null) {
                    throw new IllegalStateException(m.descriptor().name() + " and " + other.name()
                            + " both contain package " + pkg);
                }
            }
        }
    }

    /**
     * Reads the modules of {@value #UNRESOLVED_MODULES}. {@link ModuleFinder#of} parses each
     * {@code module-info.class} ({@link ModuleDescriptor#read}) and lists the packages of the jar or directory; it
     * does not look at {@code requires}, so Temporal need not be present.
     */
    static List<ModuleReference> unresolvedModules(String pathList) {
        Path[] paths = Arrays.stream(pathList.split(File.pathSeparator))
                .filter(p -> !p.isBlank())
                .map(Path::of)
                .toArray(Path[]::new);
        List<ModuleReference> found = List.copyOf(ModuleFinder.of(paths).findAll());
        if (found.size() != paths.length) {
            throw new IllegalStateException(UNRESOLVED_MODULES + " lists " + Arrays.toString(paths) + " but only "
                    + found.size() + " of them are modules");
        }
        return found;
    }

    /**
     * The boot layer of this run plus the unresolved modules. On the class path there are no descriptors to read:
     * the calling test is skipped (e.g. when {@code -Dtest=...} also selects it for the class-path execution).
     */
    static SdkModules boot() {
        Assumptions.assumeTrue(SdkModules.class.getModule().isNamed(), "the architecture tests read module"
                + " descriptors: they run on the module path (the default-test execution of arch-tests)");
        return Holder.BOOT;
    }

    /** Read on first use, on the module path only. */
    private static final class Holder {
        static final SdkModules BOOT = new SdkModules(ModuleLayer.boot(),
                unresolvedModules(System.getProperty(UNRESOLVED_MODULES, "")));
    }

    /** The SDK modules, resolved or not, by name. */
    List<ModuleReference> sdkModules() {
        return sdk;
    }

    /** The SDK module named {@code name}. */
    Optional<ModuleReference> sdkModule(String name) {
        return sdk.stream().filter(r -> r.descriptor().name().equals(name)).findFirst();
    }

    /** Where the SDK modules' classes are: jars, or class directories when only compiled. */
    List<Location> sdkLocations() {
        return sdk.stream().map(SdkModules::location).collect(toUnmodifiableList());
    }

    private static Location location(ModuleReference module) {
        Path path = Path.of(module.location().orElseThrow(
                () -> new IllegalStateException(module.descriptor().name() + " has no location")));
        // ArchUnit reads a jar's entries only through a jar: URI
        return Files.isDirectory(path) ? Location.of(path) : Location.of(URI.create("jar:" + path.toUri() + "!/"));
    }

    /** The module that contains {@code packageName}, among all modules of the layer and the unresolved ones. */
    Optional<ModuleDescriptor> owner(String packageName) {
        return Optional.ofNullable(ownerByPackage.get(packageName));
    }
}
