package org.learningloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects an overlay renders to, with the look-ups the tests need. */
record Rendered(String overlay, List<JsonNode> objects) {

    static Rendered of(String overlay) {
        return new Rendered(overlay, Kustomize.render(overlay));
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> Yaml.kind(o).equals(kind)).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return objects.stream().filter(o -> Yaml.kind(o).equals(kind) && Yaml.name(o).equals(name)).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    JsonNode single(String kind) {
        List<JsonNode> all = ofKind(kind);
        if (all.size() != 1) {
            throw new AssertionError(overlay + ": expected one " + kind + ", found " + all.size());
        }
        return all.get(0);
    }

    /** The first container of a Deployment, which must be named like the Deployment. */
    JsonNode container(String deployment) {
        JsonNode container = get("Deployment", deployment).at("/spec/template/spec/containers/0");
        if (!deployment.equals(container.path("name").asText())) {
            throw new AssertionError(overlay + ": the first container of " + deployment + " is named "
                    + container.path("name").asText());
        }
        return container;
    }

    /**
     * The environment a Deployment's container gets: ConfigMaps from envFrom (resolved in the
     * rendered output), then env entries. Values from a secretKeyRef read as {@code secret:<name>/<key>}.
     */
    Map<String, String> environment(String deployment) {
        JsonNode container = container(deployment);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                String name = source.at("/configMapRef/name").asText();
                env.putAll(Yaml.stringMap(get("ConfigMap", name).path("data")));
            } else {
                throw new AssertionError(overlay + ": " + deployment + " takes env from something other than a ConfigMap: " + source);
            }
        }
        for (JsonNode entry : container.path("env")) {
            String name = entry.path("name").asText();
            if (entry.has("value")) {
                env.put(name, entry.path("value").asText());
            } else if (entry.at("/valueFrom/secretKeyRef").isObject()) {
                JsonNode ref = entry.at("/valueFrom/secretKeyRef");
                env.put(name, "secret:" + ref.path("name").asText() + "/" + ref.path("key").asText());
            } else if (entry.at("/valueFrom/configMapKeyRef").isObject()) {
                JsonNode ref = entry.at("/valueFrom/configMapKeyRef");
                env.put(name, Yaml.stringMap(get("ConfigMap", ref.path("name").asText()).path("data")).get(ref.path("key").asText()));
            } else {
                env.put(name, null);
            }
        }
        return env;
    }

    /** A rendered Secret's value (data is base64, stringData plain). */
    Optional<String> secretValue(String secret, String key) {
        return find("Secret", secret).flatMap(s -> {
            if (s.at("/stringData/" + key).isTextual()) {
                return Optional.of(s.at("/stringData/" + key).asText());
            }
            if (s.at("/data/" + key).isTextual()) {
                return Optional.of(new String(Base64.getDecoder().decode(s.at("/data/" + key).asText()), StandardCharsets.UTF_8));
            }
            return Optional.empty();
        });
    }

    /** Whether a label selector ({@code matchLabels}) selects objects with these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode matchLabels = selector.has("matchLabels") ? selector.path("matchLabels") : selector;
        if (!matchLabels.isObject() || matchLabels.isEmpty()) {
            return false;
        }
        Map<String, String> wanted = Yaml.stringMap(matchLabels);
        Map<String, String> have = Yaml.stringMap(labels);
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
    }

    @Override
    public String toString() {
        return overlay;
    }
}
