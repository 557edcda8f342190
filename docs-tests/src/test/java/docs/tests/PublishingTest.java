package docs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * What Maven Central gets is complete: the BOM lists every published module and nothing else of this build, carries
 * the same metadata and version as the parent, and every exported package of a published module has a
 * {@code package-info.java} and a comment on every public type and member (the javadoc jar's content; javadoc's
 * doclint checks the rest of it in the build).
 */
class PublishingTest {
    private static final Path ROOT = Path.of(System.getProperty("docs.root", "..")).toAbsolutePath().normalize();

    @Test
    void theBomListsEveryPublishedModuleAndNoOtherModuleOfTheBuild() throws IOException {
        List<String> published = PublishedModules.jarModules(ROOT);
        Element bom = PublishedModules.root(PublishedModules.read(ROOT.resolve("nexusrpc-bom/pom.xml")));
        List<String> listed = PublishedModules.managedArtifacts(bom);

        assertTrue(published.containsAll(List.of("nexusrpc.api", "nexusrpc.spi", "nexusrpc.handler", "nexusrpc.http",
                "nexusrpc.processor", "temporal.nexus")), "published: " + published);
        List<String> missing = published.stream().filter(m -> !listed.contains(m)).collect(Collectors.toList());
        assertEquals(List.of(), missing, "published modules that nexusrpc-bom/pom.xml does not list");
        List<String> modules = PublishedModules.children(
                PublishedModules.root(PublishedModules.read(ROOT.resolve("pom.xml"))), "modules");
        List<String> unpublished = listed.stream().filter(a -> modules.contains(a) && !published.contains(a))
                .collect(Collectors.toList());
        assertEquals(List.of(), unpublished, "modules the BOM lists but the build does not publish"
                + " (maven.deploy.skip)");
        // entries for modules built on other branches are expected until they are merged
        listed.stream().filter(a -> !modules.contains(a))
                .forEach(a -> System.out.println("the BOM lists " + a + ", which this build does not have"));
    }

    @Test
    void theGroupIdIsAReverseDnsNamespaceThatIsNotTheOfficialSdks() throws IOException {
        // Maven Central only accepts a namespace the publisher controls, written as a reversed domain
        // (io.github.<owner> for a GitHub organisation); io.nexusrpc belongs to the official SDK.
        String groupId = PublishedModules.text(PublishedModules.root(PublishedModules.read(ROOT.resolve("pom.xml"))),
                "groupId");
        assertTrue(groupId.matches("[a-z]{2,}(\\.[a-z0-9][a-z0-9-]*)+"), groupId + " is not in reverse-DNS form");
        assertFalse(groupId.equals("io.nexusrpc") || groupId.startsWith("io.nexusrpc."), groupId);
        String owner = PublishedModules.property(PublishedModules.root(PublishedModules.read(ROOT.resolve("pom.xml"))),
                "project.scm.path").split("/")[0];
        if (groupId.startsWith("io.github.")) {
            assertEquals("io.github." + owner, groupId, "an io.github namespace must name the repository's owner");
        }
    }

    @Test
    void theBomHasTheParentsCoordinatesAndMetadata() throws IOException {
        Element parent = PublishedModules.root(PublishedModules.read(ROOT.resolve("pom.xml")));
        Element bom = PublishedModules.root(PublishedModules.read(ROOT.resolve("nexusrpc-bom/pom.xml")));

        for (String element : List.of("groupId", "version", "url")) {
            assertEquals(PublishedModules.text(parent, element), PublishedModules.text(bom, element), element);
        }
        for (String element : List.of("licenses", "developers", "scm")) {
            assertEquals(flat(PublishedModules.child(parent, element)), flat(PublishedModules.child(bom, element)),
                    element);
        }
        assertEquals(PublishedModules.property(parent, "project.scm.path"),
                PublishedModules.property(bom, "project.scm.path"));
        assertFalse(PublishedModules.text(bom, "description").isBlank());
    }

    @Test
    void everyExportedPackageOfAPublishedModuleHasAPackageComment() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String module : PublishedModules.jarModules(ROOT)) {
            for (String pkg : PublishedModules.exportedPackages(ROOT.resolve(module))) {
                Path info = ROOT.resolve(module).resolve("src/main/java").resolve(pkg.replace('.', '/'))
                        .resolve("package-info.java");
                if (!Files.isRegularFile(info) || !Files.readString(info).contains("/**")) {
                    problems.add(ROOT.relativize(info) + ": missing, or without a /** comment */");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPublicTypeAndMemberOfAnExportedPackageHasAComment() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String module : PublishedModules.jarModules(ROOT)) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            for (String pkg : PublishedModules.exportedPackages(ROOT.resolve(module))) {
                MissingComments found = MissingComments.in(sources.resolve(pkg.replace('.', '/')), ROOT);
                problems.addAll(found.problems());
                checked += found.checked();
            }
        }
        assertEquals(List.of(), problems, "public API without a doc comment");
        assertTrue(checked > 300, "declarations checked: " + checked);
    }

    @Test
    void aPublicMemberWithoutCommentIsFoundAndPrivateOnesOverridesAndHiddenTypesAreNot(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("Api.java"), String.join("\n",
                "package p;",
                "/** Documented. */",
                "public class Api {",
                "    public void undocumented() {}",              // 4
                "    /** Documented. */ public int documented;",
                "    private void internal() {}",
                "    @Override public String toString() { return \"\"; }",
                "    /** Documented. */ public interface Inner {",
                "        void implicitlyPublic();",               // 9
                "    }",
                "    static class Hidden { public void notApi() {} }",
                "}"));

        MissingComments found = MissingComments.in(dir, dir);

        assertEquals(List.of("Api.java:4: no comment on undocumented()", "Api.java:9: no comment on implicitlyPublic()"),
                found.problems());
    }

    /** The element's text with its whitespace collapsed, for comparing two POMs' copies of it. */
    private static String flat(Element e) {
        return e == null ? null : e.getTextContent().replaceAll("\\s+", " ").strip();
    }
}
