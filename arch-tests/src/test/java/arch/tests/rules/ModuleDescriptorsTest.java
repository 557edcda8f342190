package arch.tests.rules;

import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What ArchUnit cannot see: the module descriptors. The layering of {@code requires}, plugins that work on both
 * paths, and encapsulation that is only opened where reflection needs it.
 */
class ModuleDescriptorsTest {
    private SdkModules modules;

    @BeforeEach
    void readTheModulePath() {
        modules = SdkModules.boot();
    }

    @Test
    void theLayersRequireOnlyTheLayersBelow() {
        assertEquals(Set.of(), sdkRequires("nexusrpc.api"), "nexusrpc.api requires");
        assertEquals(Set.of("nexusrpc.api"), sdkRequires("nexusrpc.spi"), "nexusrpc.spi requires");
        assertEquals(Set.of("nexusrpc.api", "nexusrpc.spi"), sdkRequires("nexusrpc.handler"),
                "nexusrpc.handler requires");
        // a kind needs the SPI only: it never sees the engine that loads it
        assertEquals(Set.of("nexusrpc.spi"), sdkRequires("arch.tests"), "the kind module requires");
    }

    @Test
    void theEngineLoadsKindsAndProvidesTheBuiltInOnes() {
        ModuleDescriptor engine = descriptor("nexusrpc.handler");

        assertTrue(engine.uses().contains("nexusrpc.spi.OperationKind"), "nexusrpc.handler uses " + engine.uses());
        assertTrue(engine.provides().stream().anyMatch(p -> p.service().equals("nexusrpc.spi.OperationKind")),
                "nexusrpc.handler provides " + engine.provides());
    }

    @Test
    void everyProviderIsAlsoListedForTheClassPath() {
        List<String> problems = new ArrayList<>();
        for (ModuleReference module : modules.sdkModules()) {
            ModuleDescriptor d = module.descriptor();
            for (ModuleDescriptor.Provides p : d.provides()) {
                Set<String> listed = servicesFile(module, p.service());
                if (!listed.equals(new TreeSet<>(p.providers()))) {
                    problems.add(d.name() + " provides " + p.service() + " with " + new TreeSet<>(p.providers())
                            + " but META-INF/services/" + p.service() + " lists " + listed
                            + ": list the same classes there, or the class path will not find them");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noModuleOpensAPackageToEveryone() {
        List<String> problems = new ArrayList<>();
        for (ModuleReference module : modules.sdkModules()) {
            ModuleDescriptor d = module.descriptor();
            if (d.isOpen()) {
                problems.add(d.name() + " is an open module: open only the packages reflection needs");
            }
            d.opens().stream().filter(o -> !o.isQualified()).forEach(o -> problems.add(d.name() + " opens "
                    + o.source() + " to everyone: add \"to <the module that reflects>\""));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void internalPackagesAreNeverExportedToEveryone() {
        List<String> exported = modules.sdkModules().stream()
                .flatMap(m -> m.descriptor().exports().stream()
                        .filter(e -> !e.isQualified() && isInternal(e.source()))
                        .map(e -> m.descriptor().name() + " exports " + e.source()))
                .collect(toCollection(ArrayList::new));

        assertEquals(List.of(), exported);
        assertTrue(descriptor("nexusrpc.handler").packages().contains("nexusrpc.handler.internal"),
                "the check above must see the engine's internal package");
    }

    private static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }

    private ModuleDescriptor descriptor(String name) {
        return modules.sdkModule(name).orElseThrow(() -> new AssertionError(name + " is not on the module path"))
                .descriptor();
    }

    /** The SDK modules among a module's {@code requires} (the JDK and libraries left out). */
    private Set<String> sdkRequires(String name) {
        return descriptor(name).requires().stream()
                .map(Requires::name)
                .filter(SdkModules.IS_SDK_MODULE)
                .collect(toSet());
    }

    /** The provider classes named in the module's {@code META-INF/services} file for a service. */
    private static Set<String> servicesFile(ModuleReference module, String service) {
        try (ModuleReader reader = module.open()) {
            var found = reader.open("META-INF/services/" + service);
            if (found.isEmpty()) {
                return Set.of();
            }
            try (InputStream in = found.get()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return Stream.of(text.split("\\R"))
                        .map(line -> line.replaceFirst("#.*", "").trim())
                        .filter(line -> !line.isEmpty())
                        .collect(toCollection(TreeSet::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
