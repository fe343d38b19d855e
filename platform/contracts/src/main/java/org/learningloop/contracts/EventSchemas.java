package org.learningloop.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schemas of the event types, as a gate: the payload an event would be stored and published
 * with is checked against the same schema analysts validate the topics with. Numbers are read exactly (a
 * {@code 1e-1001} is not rounded to 0 before its scale is checked) and formats ({@code uuid}, {@code date},
 * {@code date-time}) are asserted, not just annotations.
 */
public final class EventSchemas {

    /** Reads payloads for checking: decimals as {@link java.math.BigDecimal}, never rounded through a double. */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** One place where a payload breaks its schema: a JSON Pointer into the payload and what is wrong there. */
    public record Violation(String field, String message) {
    }

    /** The violations of {@code json}, a payload of {@code type}, against its published schema; empty when it fits. */
    public static List<Violation> check(EventType<?> type, String json) {
        JsonNode payload;
        try {
            payload = EXACT.readTree(json);
        } catch (IOException e) {
            return List.of(new Violation("", "is not JSON: " + e.getMessage()));
        }
        return schemaOf(type).validate(payload).stream()
                .map(EventSchemas::violation)
                .distinct()
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    /** The schema itself, read as analysts read it (for tests that inspect the bounds it declares). */
    public static JsonNode schemaNode(EventType<?> type) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("No published schema for " + type.ceType() + " at " + type.schemaResource());
            }
            return EXACT.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the schema of " + type.ceType(), e);
        }
    }

    private static JsonSchema schemaOf(EventType<?> type) {
        return SCHEMAS.computeIfAbsent(type.ceType(), ignored -> FACTORY.getSchema(schemaNode(type), CONFIG));
    }

    private static Violation violation(ValidationMessage message) {
        String field = message.getInstanceLocation().toString();
        String text = message.getMessage();
        // the validator's message starts with the location; the field says it already
        int colon = text.indexOf(": ");
        if (colon >= 0 && text.substring(0, colon).equals(field)) {
            text = text.substring(colon + 2);
        }
        if (!"required".equals(message.getType()) && !"additionalProperties".equals(message.getType())
                && text.length() > 300) {
            text = text.substring(0, 300) + "…";
        }
        return new Violation(field, text);
    }
}
