package arch.tests.rules;

import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The checks of module descriptors that ArchUnit cannot make, each returning its problems as sentences that say
 * what to fix. {@link ModuleDescriptorsTest} runs them on the project's modules and
 * {@link ModuleDescriptorChecksCatchViolationsTest} on deliberately wrong descriptors.
 */
final class ModuleDescriptorChecks {
    private ModuleDescriptorChecks() {}

    /** Providers that {@code provides} declares but {@code META-INF/services} does not list (or the reverse). */
    static List<String> providersMissingOnTheClassPath(List<ModuleReference> modules) {
        List<String> problems = new ArrayList<>();
        for (ModuleReference module : modules) {
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
        return problems;
    }

    /** Open modules and packages opened to every module. */
    static List<String> opensToEveryone(List<ModuleReference> modules) {
        List<String> problems = new ArrayList<>();
        for (ModuleReference module : modules) {
            ModuleDescriptor d = module.descriptor();
            if (d.isOpen()) {
                problems.add(d.name() + " is an open module: open only the packages reflection needs");
            }
            d.opens().stream().filter(o -> !o.isQualified()).forEach(o -> problems.add(d.name() + " opens "
                    + o.source() + " to everyone: add \"to <the module that reflects>\""));
        }
        return problems;
    }

    /** Packages named {@code internal} (or below one) that a module exports to every module. */
    static List<String> internalPackagesExportedToEveryone(List<ModuleReference> modules) {
        return modules.stream()
                .flatMap(m -> m.descriptor().exports().stream()
                        .filter(e -> !e.isQualified() && isInternal(e.source()))
                        .map(e -> m.descriptor().name() + " exports " + e.source() + " to everyone: export it only"
                                + " \"to\" the modules that need it, or move what they need out of it"))
                .collect(toList());
    }

    /** Whether {@code pkg} is an implementation package by its name. */
    static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }

    /** The provider classes named in the module's {@code META-INF/services} file for a service. */
    private static Set<String> servicesFile(ModuleReference module, String service) {
        try (ModuleReader reader = module.open()) {
            Optional<InputStream> found = reader.open("META-INF/services/" + service);
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
