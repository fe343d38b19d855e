package org.learningloop.deploy;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository this module checks: its root, its files, the modules of the root pom. */
final class Repo {

    private static final Path ROOT = findRoot();

    private Repo() {
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        Path file = path(relative);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The {@code <module>} entries of the root pom, in order. */
    static List<String> modules() {
        return childTexts(path("pom.xml"), "modules", "module");
    }

    /** The Quarkus services: modules whose application.properties sets {@code quarkus.http.port}. */
    static List<String> services() {
        List<String> services = new ArrayList<>();
        for (String module : modules()) {
            Path properties = path(module).resolve("src/main/resources/application.properties");
            if (Files.isRegularFile(properties) && ServiceConfig.readProperties(properties).containsKey("quarkus.http.port")) {
                services.add(module);
            }
        }
        return services;
    }

    /** artifactIds of a pom's dependencies (direct, any scope). */
    static List<String> dependencies(String module) {
        return childTexts(path(module).resolve("pom.xml"), "dependencies", "artifactId");
    }

    private static List<String> childTexts(Path pom, String container, String child) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            var document = factory.newDocumentBuilder().parse(pom.toFile());
            Element project = document.getDocumentElement();
            List<String> texts = new ArrayList<>();
            NodeList containers = project.getChildNodes();
            for (int i = 0; i < containers.getLength(); i++) {
                if (containers.item(i) instanceof Element element && element.getTagName().equals(container)) {
                    NodeList children = element.getElementsByTagName(child);
                    for (int j = 0; j < children.getLength(); j++) {
                        texts.add(children.item(j).getTextContent().trim());
                    }
                }
            }
            return texts;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    private static Path findRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.isDirectory(dir.resolve("deploy"))
                    && Files.isDirectory(dir.resolve("platform"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + start);
    }
}
