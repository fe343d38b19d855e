package org.learningloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** YAML as Jackson trees, and the few ways the tests read them. */
final class Yaml {

    static final ObjectMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of a multi-document stream. */
    static List<JsonNode> readAll(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()
                        && !(document.isObject() && document.isEmpty())) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** A scalar at a JSON pointer as text ({@code 1} and {@code "1"} read the same); empty when absent. */
    static Optional<String> text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    static String requireText(JsonNode node, String pointer, String what) {
        return text(node, pointer).orElseThrow(() -> new AssertionError(what + ": nothing at " + pointer));
    }

    /**
     * A compose-style environment (a map, or a list of NAME=value) as an ordered map; values as text.
     */
    static Map<String, String> environment(JsonNode environment) {
        Map<String, String> result = new LinkedHashMap<>();
        if (environment == null || environment.isMissingNode() || environment.isNull()) {
            return result;
        }
        if (environment.isArray()) {
            for (JsonNode item : environment) {
                String[] parts = item.asText().split("=", 2);
                result.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        } else {
            environment.fields().forEachRemaining(field -> result.put(field.getKey(),
                    field.getValue().isNull() ? null : field.getValue().asText()));
        }
        return result;
    }

    static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> result = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(field -> result.put(field.getKey(), field.getValue().asText()));
        }
        return result;
    }

    static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> result.add(item.asText()));
        } else if (array != null && array.isTextual()) {
            result.add(array.asText());
        }
        return result;
    }

    static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }
}
