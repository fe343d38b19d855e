package org.learningloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Renders an overlay with {@code kubectl kustomize} (offline; no cluster needed), once per test run. */
final class Kustomize {

    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The rendered objects of {@code deploy/k8s/overlays/<overlay>}; skips the test when kubectl is missing. */
    static List<JsonNode> render(String overlay) {
        Assumptions.assumeTrue(kubectlAvailable(),
                "kubectl is not on the PATH: the Kubernetes manifests were NOT checked (install kubectl to check them)");
        return RENDERED.computeIfAbsent(overlay, Kustomize::run);
    }

    static Path overlayDir(String overlay) {
        return Repo.path("deploy/k8s/overlays/" + overlay);
    }

    private static List<JsonNode> run(String overlay) {
        try {
            Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Path errors = Files.createTempFile("kustomize-" + overlay, ".err");
            try {
                Process process = new ProcessBuilder("kubectl", "kustomize", overlayDir(overlay).toString())
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + overlay + " did not finish within 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize deploy/k8s/overlays/" + overlay + " failed:\n"
                            + Files.readString(errors, StandardCharsets.UTF_8));
                }
                return List.copyOf(Yaml.readAll(Files.readString(output, StandardCharsets.UTF_8)));
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl kustomize", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static volatile Boolean available;

    private static boolean kubectlAvailable() {
        if (available == null) {
            boolean found;
            try {
                Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                found = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException e) {
                found = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                found = false;
            }
            available = found;
        }
        return available;
    }
}
