package arch.tests.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each check of {@link ModuleDescriptorChecks} reports a deliberately wrong descriptor and accepts its corrected
 * twin, so a green {@link ModuleDescriptorsTest} means the descriptors are right, not that nothing was checked.
 * The descriptors are built in memory: the checks only read them, they never resolve a module.
 */
class ModuleDescriptorChecksCatchViolationsTest {
    private static final Set<String> PACKAGES = Set.of("fixture", "fixture.internal", "fixture.data");

    @Test
    void aProviderMissingFromMetaInfServicesIsCaught() {
        ModuleDescriptor provider = ModuleDescriptor.newModule("fixture").packages(PACKAGES)
                .provides("fixture.Greeter", List.of("fixture.internal.English", "fixture.internal.French"))
                .build();
        String services = "META-INF/services/fixture.Greeter";

        assertEquals(List.of("fixture provides fixture.Greeter with [fixture.internal.English,"
                + " fixture.internal.French] but META-INF/services/fixture.Greeter lists [fixture.internal.English]:"
                + " list the same classes there, or the class path will not find them"),
                ModuleDescriptorChecks.providersMissingOnTheClassPath(List.of(
                        module(provider, Map.of(services, "fixture.internal.English\n")))));
        assertEquals(1, ModuleDescriptorChecks.providersMissingOnTheClassPath(List.of(module(provider, Map.of())))
                .size(), "no services file at all");
        assertEquals(List.of(), ModuleDescriptorChecks.providersMissingOnTheClassPath(List.of(module(provider,
                Map.of(services, "# comments and blank lines are ignored\nfixture.internal.French\n\n"
                        + "fixture.internal.English # the default\n")))));
    }

    @Test
    void opensToEveryoneAreCaught() {
        ModuleDescriptor opensAPackage = ModuleDescriptor.newModule("fixture").packages(PACKAGES)
                .opens("fixture.data").build();
        ModuleDescriptor openModule = ModuleDescriptor.newOpenModule("fixture.open").packages(PACKAGES).build();
        ModuleDescriptor opensToJackson = ModuleDescriptor.newModule("fixture").packages(PACKAGES)
                .opens(Set.of(), "fixture.data", Set.of("com.fasterxml.jackson.databind")).build();

        assertEquals(List.of("fixture opens fixture.data to everyone: add \"to <the module that reflects>\"",
                "fixture.open is an open module: open only the packages reflection needs"),
                ModuleDescriptorChecks.opensToEveryone(List.of(module(opensAPackage, Map.of()),
                        module(openModule, Map.of()))));
        assertEquals(List.of(), ModuleDescriptorChecks.opensToEveryone(List.of(module(opensToJackson, Map.of()))));
    }

    @Test
    void anInternalPackageExportedToEveryoneIsCaught() {
        ModuleDescriptor exported = ModuleDescriptor.newModule("fixture").packages(PACKAGES)
                .exports("fixture").exports("fixture.internal").build();
        ModuleDescriptor toTheEngine = ModuleDescriptor.newModule("fixture").packages(PACKAGES)
                .exports("fixture").exports(Set.of(), "fixture.internal", Set.of("nexusrpc.handler")).build();

        assertEquals(List.of("fixture exports fixture.internal to everyone: export it only \"to\" the modules that"
                + " need it, or move what they need out of it"),
                ModuleDescriptorChecks.internalPackagesExportedToEveryone(List.of(module(exported, Map.of()))));
        assertEquals(List.of(),
                ModuleDescriptorChecks.internalPackagesExportedToEveryone(List.of(module(toTheEngine, Map.of()))));
    }

    /** A module whose content is only the given text resources. */
    private static ModuleReference module(ModuleDescriptor descriptor, Map<String, String> resources) {
        return new ModuleReference(descriptor, URI.create("memory:" + descriptor.name())) {
            @Override
            public ModuleReader open() {
                return new ModuleReader() {
                    @Override
                    public Optional<URI> find(String name) {
                        return Optional.ofNullable(resources.get(name)).map(r -> URI.create("memory:" + name));
                    }

                    @Override
                    public Optional<InputStream> open(String name) {
                        return Optional.ofNullable(resources.get(name))
                                .map(r -> new ByteArrayInputStream(r.getBytes(StandardCharsets.UTF_8)));
                    }

                    @Override
                    public Stream<String> list() {
                        return resources.keySet().stream();
                    }

                    @Override
                    public void close() {}
                };
            }
        };
    }
}
