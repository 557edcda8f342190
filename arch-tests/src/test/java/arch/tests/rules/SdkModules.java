package arch.tests.rules;

import static java.util.stream.Collectors.toUnmodifiableList;

import com.tngtech.archunit.core.importer.Location;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * The modules of this test run's boot layer, read from the module path: the SDK's own modules (with their
 * locations, the jars or class directories Maven built) and, for every package of every resolved module, the
 * descriptor that owns it. Nothing here depends on where the repository is checked out.
 */
final class SdkModules {
    /** Module names the SDK uses: nexusrpc.*, the Temporal integration, the jlink demo and this kind module. */
    static final Predicate<String> IS_SDK_MODULE = name -> name.startsWith("nexusrpc.")
            || name.equals("temporal.nexus") || name.startsWith("jlink.") || name.equals("arch.tests");

    private final List<ModuleReference> sdk;
    private final Map<String, ModuleDescriptor> ownerByPackage = new HashMap<>();

    private SdkModules(ModuleLayer layer) {
        this.sdk = layer.configuration().modules().stream()
                .map(ResolvedModule::reference)
                .filter(r -> IS_SDK_MODULE.test(r.descriptor().name()))
                .sorted(Comparator.comparing(r -> r.descriptor().name()))
                .collect(toUnmodifiableList());
        for (ResolvedModule m : layer.configuration().modules()) {
            for (String pkg : m.reference().descriptor().packages()) {
                ownerByPackage.put(pkg, m.reference().descriptor());
            }
        }
    }

    /**
     * The boot layer of this run. On the class path there are no descriptors to read: the calling test is skipped
     * (e.g. when {@code -Dtest=...} also selects it for the class-path execution).
     */
    static SdkModules boot() {
        Assumptions.assumeTrue(SdkModules.class.getModule().isNamed(), "the architecture tests read module"
                + " descriptors: they run on the module path (the default-test execution of arch-tests)");
        return Holder.BOOT;
    }

    /** Read on first use, on the module path only. */
    private static final class Holder {
        static final SdkModules BOOT = new SdkModules(ModuleLayer.boot());
    }

    /** The SDK modules, by name. */
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

    /** The module that contains {@code packageName}, among all modules of the layer. */
    Optional<ModuleDescriptor> owner(String packageName) {
        return Optional.ofNullable(ownerByPackage.get(packageName));
    }
}
