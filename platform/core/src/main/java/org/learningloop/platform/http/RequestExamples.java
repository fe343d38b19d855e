package org.learningloop.platform.http;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An example for every JSON request body (issue 16), made from the examples its fields declare
 * ({@code @Schema(example = …)} on the request records), so that generated clients and the Swagger UI start from
 * a body the service accepts. A body that declares its own example keeps it.
 */
final class RequestExamples {

    private static final int DEPTH = 6;

    private RequestExamples() {
    }

    static void addTo(OpenAPI openAPI) {
        Map<String, Schema> components = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of() : openAPI.getComponents().getSchemas();
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                        || operation.getRequestBody().getContent().getMediaTypes() == null) {
                    continue;
                }
                for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
                    if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
                        Object example = example(media.getSchema(), components, 0);
                        if (example != null) {
                            media.setExample(example);
                        }
                    }
                }
            }
        }
    }

    /** The example of {@code schema}: its own, else one composed of its parts' examples; {@code null} when none. */
    static Object example(Schema schema, Map<String, Schema> components, int depth) {
        if (schema == null || depth > DEPTH) {
            return null;
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return schema.getExamples().get(0); // OpenAPI 3.1: a schema's examples are a list
        }
        if (schema.getRef() != null) {
            return example(components.get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1)), components,
                    depth + 1);
        }
        if (schema.getAllOf() != null) {
            for (Schema part : schema.getAllOf()) {
                Object example = example(part, components, depth + 1);
                if (example != null) {
                    return example;
                }
            }
        }
        if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
            Map<String, Object> object = new LinkedHashMap<>();
            schema.getProperties().forEach((name, property) -> {
                Object example = example(property, components, depth + 1);
                if (example != null) {
                    object.put(name, example);
                }
            });
            return object.isEmpty() ? null : object;
        }
        if (schema.getItems() != null) {
            Object item = example(schema.getItems(), components, depth + 1);
            return item == null ? null : List.of(item);
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().get(0);
        }
        return null;
    }
}
