package org.learningloop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.learningloop.contracts.Bounds;
import org.learningloop.contracts.EventSchemas;
import org.learningloop.contracts.EventType;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * Payloads at the edges of what an event type's published schema admits, generated from the schema itself: every
 * optional field present, text at its longest (quotes, backslashes, tabs, line breaks, non-Latin letters), numbers
 * at their bounds and with all the decimals the scale allows, dates and times at both ends of the window, lists
 * with many items. What the gate admits, every reader must read back (issue 14).
 */
public final class ExtremeEvents {

    /** At most this many items per list: a long list, yet within the 512 KiB an event may have. */
    private static final int MANY = 50;
    private static final String TEXT = "Åsa sa \"hej\" \\ till Øyvind\tpå lunchen;\nΣ ≠ ∞ — ok\r ";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Which edge: the largest values, or the smallest. */
    public enum Edge { HIGH, LOW }

    private final JsonNode root;
    private final Edge edge;
    private final UUID team;
    private final UUID unit;

    private ExtremeEvents(JsonNode root, Edge edge, UUID team, UUID unit) {
        this.root = root;
        this.edge = edge;
        this.team = team;
        this.unit = unit;
    }

    /** A payload of {@code type} at {@code edge}, for {@code team} in {@code unit}. */
    public static ObjectNode payload(EventType<?> type, Edge edge, UUID team, UUID unit) {
        JsonNode schema = EventSchemas.schemaNode(type);
        return (ObjectNode) new ExtremeEvents(schema, edge, team, unit).value(schema, "");
    }

    private JsonNode value(JsonNode schema, String name) {
        while (schema.has("$ref")) {
            schema = root.at(schema.get("$ref").asText().substring(1));
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(edge == Edge.HIGH ? values.size() - 1 : 0);
        }
        if (schema.has("anyOf")) {
            // a sealable text (ADR 18): the plain text a command carries, sealed by the service that stores it
            return value(schema.get("anyOf").get(0), name);
        }
        switch (schema.path("type").asText()) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.set(field.getKey(), value(field.getValue(), field.getKey()));
                }
                if (schema.path("additionalProperties").isObject()) {
                    int entries = edge == Edge.HIGH ? schema.path("maxProperties").asInt(MANY) : 1;
                    for (int i = 0; i < entries; i++) {
                        object.set(mapKey(i), value(schema.get("additionalProperties"), ""));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = edge == Edge.HIGH ? Math.min(MANY, schema.path("maxItems").asInt(MANY))
                        : schema.path("minItems").asInt(0);
                JsonNode itemSchema = schema.path("items");
                for (int i = 0; i < items; i++) {
                    if (itemSchema.has("enum")) {
                        array.add(itemSchema.get("enum").get(i % itemSchema.get("enum").size()));
                        continue;
                    }
                    JsonNode item = value(itemSchema, name);
                    // list items that are ids or keys must differ (a list of segments, of participants)
                    array.add(item.isTextual() && !item.asText().contains(" ") ? NODES.textNode(distinct(item.asText(), i)) : item);
                }
                return array;
            }
            case "integer" -> {
                // where a schema sets no bound, the edge is as far as JSON goes
                return NODES.numberNode(edge == Edge.HIGH ? schema.path("maximum").asLong(Long.MAX_VALUE)
                        : schema.path("minimum").asLong(Long.MIN_VALUE));
            }
            case "number" -> {
                if (!schema.has("maximum") || !schema.has("multipleOf")) {
                    return NODES.numberNode(new BigDecimal(edge == Edge.HIGH ? "1e-1001" : "-1e999"));
                }
                BigDecimal max = schema.path("maximum").decimalValue();
                BigDecimal step = schema.path("multipleOf").decimalValue();
                // the largest value with every decimal the scale allows, or the smallest step below zero
                return NODES.numberNode(edge == Edge.HIGH ? max.subtract(step) : step.negate());
            }
            case "boolean" -> {
                return NODES.booleanNode(edge == Edge.HIGH);
            }
            case "string" -> {
                return NODES.textNode(string(schema, name));
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    private String string(JsonNode schema, String name) {
        String format = schema.path("format").asText("");
        if (format.equals("uuid")) {
            return name.equals("teamId") ? team.toString() : name.equals("unitId") ? unit.toString()
                    : UUID.randomUUID().toString();
        }
        boolean high = edge == Edge.HIGH;
        if (format.equals("date")) {
            return high ? "2100-12-31" : "2000-01-01";
        }
        if (format.equals("date-time")) {
            return high ? "2100-12-31T23:59:59.999999Z" : "2000-01-01T00:00:00Z";
        }
        String pattern = schema.path("pattern").asText("");
        if (pattern.equals(Bounds.WEEK)) {
            return high ? "2100-W52" : "2000-W01";
        }
        if (pattern.equals(Bounds.MONTH) || pattern.equals(Bounds.PERIOD)) {
            return high ? "2100-12" : "2000-01";
        }
        if (pattern.equals(Bounds.KEY)) {
            int length = schema.path("maxLength").asInt(Bounds.KEY_LENGTH);
            return high ? "k" + "-x1".repeat((length - 1) / 3) : "k";
        }
        if (pattern.equals(Bounds.FINGERPRINT)) {
            return (high ? "f" : "0").repeat(64);
        }
        if (!pattern.isEmpty()) {
            // a pattern the contract's bounds do not name: digits as far as a \d{4} or \d{2} lets them go
            return pattern.contains("W") ? "9999-W99" : "9999-99";
        }
        int length = schema.path("maxLength").asInt(100_000);
        if (!high) {
            return "x".repeat(Math.max(1, schema.path("minLength").asInt(1)));
        }
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(TEXT);
        }
        // no white space at the ends: the services strip it
        return "«" + text.substring(0, length - 2) .strip() + "»";
    }

    private static String distinct(String text, int index) {
        if (index == 0) {
            return text;
        }
        try {
            UUID.fromString(text);
            return UUID.randomUUID().toString();
        } catch (IllegalArgumentException notAnId) {
            String base = text.substring(0, Math.min(text.length(), 90)).replaceAll("-+$", "");
            return base + "-" + index;
        }
    }

    private static String mapKey(int index) {
        return "outcome" + (char) ('A' + index % 26) + "x".repeat(index / 26);
    }
}
