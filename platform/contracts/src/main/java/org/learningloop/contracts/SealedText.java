package org.learningloop.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text that can be erased (ADR 18): the fields of an event that hold what people write about what happened
 * (feedback, notes, insights, reasons, …) are published <em>sealed</em>, encrypted under a key of their event's own,
 * {@code sealed:v1:<keyId>:<base64url(nonce ‖ ciphertext)>}. A field is sealable where its event type's published
 * JSON Schema says so: {@code anyOf} the plain text and the sealed form. Once the key is deleted, every copy of the
 * text (event store, topics, read models, exports) reads as {@link #ERASED}.
 */
public final class SealedText {

    /** Every sealed text starts so; a plain text never does (the schemas and requests refuse it). */
    public static final String PREFIX = "sealed:";

    /** The documented placeholder an erased (or otherwise unreadable) text reads as. */
    public static final String ERASED = "[erased]";

    /** One sealed text, found anywhere in a longer string: group 1 the key id, group 2 nonce and ciphertext. */
    public static final Pattern TOKEN = Pattern.compile(
            "sealed:v1:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([A-Za-z0-9_-]+)");

    /** Reads and writes payloads without touching a number (no double on the way, no trailing zero stripped). */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final String SEALED_PATTERN_START = "^sealed:v1:";
    private static final Map<String, Boolean> HAS_SEALABLE = new ConcurrentHashMap<>();

    private SealedText() {
    }

    /** Whether {@code text} is sealed (as a whole). */
    public static boolean isSealed(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    /** The key a sealed text is sealed under; empty for a text that is not sealed. */
    public static Optional<UUID> keyOf(String text) {
        Matcher matcher = text == null ? null : TOKEN.matcher(text);
        return matcher != null && matcher.matches() ? Optional.of(UUID.fromString(matcher.group(1))) : Optional.empty();
    }

    /** Whether any field of the type is sealable. */
    public static boolean hasSealableFields(EventType<?> type) {
        return HAS_SEALABLE.computeIfAbsent(type.ceType(), ignored -> containsSealable(EventSchemas.schemaNode(type)));
    }

    /**
     * The payload {@code json} with {@code seal} applied to the text of each sealable field that holds one (null and
     * absent fields stay as they are); every other field, numbers included, is written back exactly as it was.
     */
    public static String sealFields(EventType<?> type, String json, UnaryOperator<String> seal) {
        if (!hasSealableFields(type)) {
            return json;
        }
        JsonNode schema = EventSchemas.schemaNode(type);
        try {
            JsonNode payload = EXACT.readTree(json);
            JsonNode sealed = map(payload, schema, schema, seal);
            return sealed.equals(payload) ? json : EXACT.writeValueAsString(sealed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON payload of " + type.ceType(), e);
        }
    }

    private static JsonNode map(JsonNode value, JsonNode schema, JsonNode root, UnaryOperator<String> seal) {
        JsonNode resolved = resolve(schema, root);
        if (isSealable(resolved)) {
            return value.isTextual() ? TextNode.valueOf(seal.apply(value.textValue())) : value;
        }
        if (value instanceof ObjectNode object && resolved.has("properties")) {
            JsonNode properties = resolved.get("properties");
            ObjectNode copy = object.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (properties.has(field.getKey())) {
                    copy.set(field.getKey(), map(field.getValue(), properties.get(field.getKey()), root, seal));
                }
            }
            return copy;
        }
        if (value instanceof ArrayNode array && resolved.has("items")) {
            ArrayNode copy = array.arrayNode();
            for (JsonNode item : array) {
                copy.add(map(item, resolved.get("items"), root, seal));
            }
            return copy;
        }
        return value;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.textValue().startsWith("#/")) {
            return resolve(root.at(ref.textValue().substring(1)), root);
        }
        return schema;
    }

    private static boolean isSealable(JsonNode schema) {
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf == null) {
            return false;
        }
        for (JsonNode branch : anyOf) {
            JsonNode pattern = branch.get("pattern");
            if (pattern != null && pattern.textValue().startsWith(SEALED_PATTERN_START)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsSealable(JsonNode schema) {
        if (isSealable(schema)) {
            return true;
        }
        for (JsonNode child : schema) {
            if (child.isContainerNode() && containsSealable(child)) {
                return true;
            }
        }
        return false;
    }
}
