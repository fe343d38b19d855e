package org.learningloop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.learningloop.contracts.EventSchemas;
import org.learningloop.contracts.EventType;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The request validation and the published schema say the same thing: for each field of an API request record that
 * its event carries under the same name (nested records, list items and map values included), each bound the
 * request declares — length, items, range, scale, pattern — is the schema's. A request the API admits then makes an
 * event the gate admits, and the 400 names the request's own field.
 */
public final class ApiMatchesContract {

    private final List<String> mismatches = new ArrayList<>();
    private int compared;

    private ApiMatchesContract() {
    }

    /** Compares {@code request} with the schema of {@code event}; answers what differs. */
    public static Result check(Class<? extends Record> request, EventType<?> event) {
        JsonNode schema = EventSchemas.schemaNode(event);
        ApiMatchesContract check = new ApiMatchesContract();
        check.record(request, schema, schema, request.getSimpleName() + " ~ " + event.ceType());
        return new Result(check.mismatches, check.compared);
    }

    /** What differs, and how many bounds were compared (a check that compared nothing proves nothing). */
    public record Result(List<String> mismatches, int compared) {
    }

    private void record(Class<?> type, JsonNode objectSchema, JsonNode root, String path) {
        JsonNode properties = resolve(objectSchema, root).path("properties");
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode property = properties.get(component.getName());
            if (property == null) {
                continue; // not carried by the event (e.g. a display name kept only in a read model)
            }
            value(component.getAnnotatedType(), component.getAccessor().getAnnotations(), resolve(property, root), root,
                    path + "." + component.getName());
        }
    }

    private void value(AnnotatedType annotated, Annotation[] declared, JsonNode schema, JsonNode root, String path) {
        List<Annotation> annotations = new ArrayList<>(List.of(declared));
        for (Annotation onType : annotated.getAnnotations()) {
            if (!annotations.contains(onType)) {
                annotations.add(onType);
            }
        }
        Class<?> raw = raw(annotated);
        for (Annotation annotation : annotations) {
            if (annotation instanceof Size size) {
                String keyword = raw == String.class ? "maxLength" : Map.class.isAssignableFrom(raw) ? "maxProperties" : "maxItems";
                same(path, "@Size(max)", size.max(), keyword, schema);
            } else if (annotation instanceof Min min) {
                same(path, "@Min", min.value(), "minimum", schema);
            } else if (annotation instanceof Max max) {
                same(path, "@Max", max.value(), "maximum", schema);
            } else if (annotation instanceof DecimalMin min) {
                same(path, "@DecimalMin", new BigDecimal(min.value()), "minimum", schema);
            } else if (annotation instanceof DecimalMax max) {
                same(path, "@DecimalMax", new BigDecimal(max.value()), "maximum", schema);
            } else if (annotation instanceof Digits digits) {
                same(path, "@Digits(fraction)", BigDecimal.ONE.movePointLeft(digits.fraction()), "multipleOf", schema);
            } else if (annotation instanceof Pattern pattern && pattern.regexp().startsWith("^")) {
                compared++;
                if (!pattern.regexp().equals(schema.path("pattern").asText(null))) {
                    mismatches.add(path + ": @Pattern " + pattern.regexp() + " but the schema's pattern is "
                            + schema.path("pattern"));
                }
            }
        }
        if (annotated instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
            if (List.class.isAssignableFrom(raw) && schema.has("items")) {
                value(arguments[0], new Annotation[0], resolve(schema.get("items"), root), root, path + "[]");
            } else if (Map.class.isAssignableFrom(raw)) {
                if (schema.has("propertyNames")) {
                    value(arguments[0], new Annotation[0], schema.get("propertyNames"), root, path + "{key}");
                }
                if (schema.has("additionalProperties")) {
                    value(arguments[1], new Annotation[0], resolve(schema.get("additionalProperties"), root), root,
                            path + "{value}");
                }
            }
        }
        if (raw.isRecord() && "object".equals(schema.path("type").asText())) {
            record(raw, schema, root, path);
        }
    }

    private void same(String path, String constraint, long value, String keyword, JsonNode schema) {
        same(path, constraint, BigDecimal.valueOf(value), keyword, schema);
    }

    private void same(String path, String constraint, BigDecimal value, String keyword, JsonNode schema) {
        compared++;
        JsonNode bound = schema.get(keyword);
        if (bound == null || bound.decimalValue().compareTo(value) != 0) {
            mismatches.add(path + ": " + constraint + " " + value.toPlainString() + " but the schema's " + keyword
                    + " is " + (bound == null ? "absent" : bound.decimalValue().toPlainString()));
        }
    }

    private static Class<?> raw(AnnotatedType annotated) {
        java.lang.reflect.Type type = annotated.getType();
        if (type instanceof java.lang.reflect.ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> plain ? plain : Object.class;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        int guard = 0;
        while (schema.has("$ref") && guard++ < 10) {
            schema = root.at(schema.get("$ref").asText().substring(1));
        }
        // a sealable text (ADR 18): a request carries the plain text, the first of its forms
        return schema.has("anyOf") ? resolve(schema.get("anyOf").get(0), root) : schema;
    }
}
