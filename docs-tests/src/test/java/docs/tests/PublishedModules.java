package docs.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** What the build publishes, read from its POMs: the modules that do not set {@code maven.deploy.skip}. */
final class PublishedModules {
    private static final Pattern EXPORTS = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private PublishedModules() {}

    /** The folders of the root pom's modules that are published jars (not the BOM, which is a pom). */
    static List<String> jarModules(Path root) throws IOException {
        List<String> published = new ArrayList<>();
        for (String module : children(root(read(root.resolve("pom.xml"))), "modules")) {
            Element pom = root(read(root.resolve(module).resolve("pom.xml")));
            String packaging = text(pom, "packaging");
            if ((packaging == null || packaging.equals("jar")) && !"true".equals(property(pom, "maven.deploy.skip"))) {
                published.add(module);
            }
        }
        return published;
    }

    /** The packages a module's {@code module-info.java} exports to everyone. */
    static List<String> exportedPackages(Path moduleDir) throws IOException {
        String info = Files.readString(moduleDir.resolve("src/main/java/module-info.java"))
                .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        List<String> packages = new ArrayList<>();
        Matcher m = EXPORTS.matcher(info);
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }

    static Document read(Path pom) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    static Element root(Document d) {
        return d.getDocumentElement();
    }

    /** The text of the direct child {@code name} of {@code e}, or null. */
    static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent().strip();
    }

    /** The direct child {@code name} of {@code e}, or null. */
    static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && n.getNodeName().equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }

    /** The texts of the children of the direct child {@code name} of {@code e}. */
    static List<String> children(Element e, String name) {
        List<String> texts = new ArrayList<>();
        Element c = child(e, name);
        if (c != null) {
            for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element) {
                    texts.add(n.getTextContent().strip());
                }
            }
        }
        return texts;
    }

    /** The value of a property of the POM, or null. */
    static String property(Element pom, String name) {
        Element props = child(pom, "properties");
        return props == null ? null : text(props, name);
    }

    /** The artifactIds a BOM's dependencyManagement lists. */
    static List<String> managedArtifacts(Element pom) {
        List<String> ids = new ArrayList<>();
        Element dm = child(pom, "dependencyManagement");
        NodeList deps = dm == null ? null : child(dm, "dependencies").getElementsByTagName("dependency");
        for (int i = 0; deps != null && i < deps.getLength(); i++) {
            ids.add(text((Element) deps.item(i), "artifactId"));
        }
        return ids;
    }
}
