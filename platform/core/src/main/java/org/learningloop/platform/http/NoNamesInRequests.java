package org.learningloop.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.learningloop.contracts.SealedText;
import org.learningloop.platform.privacy.PersonName;
import org.learningloop.platform.privacy.PersonNames;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps names out of free text at the door (issue 12): every text of a request body is checked against the members'
 * names ({@link PersonNames}); a text that contains a member's display name, word for word, is refused with 422
 * {@code names-a-person} naming each such field, and nothing is stored. Staff are referred to by role. A field meant
 * to hold a name is marked {@link PersonName}.
 */
@Provider
public class NoNamesInRequests implements ReaderInterceptor {

    private static final int MAX_DEPTH = 8;

    private final PersonNames names;

    public NoNamesInRequests(PersonNames names) {
        this.names = names;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        Findings found = new Findings(new ArrayList<>(), new ArrayList<>());
        visit(body, "", found, 0);
        if (!found.sealed().isEmpty()) {
            // only the services seal text (ADR 18): a sealed text in a request could make an answer read another's
            throw new HttpProblem(Problem.of(400, "sealed-text", "A text holds a sealed text",
                    "A text may not hold a sealed text (" + String.join(", ", found.sealed()) + ")")
                    .withErrors(found.sealed().stream().map(field -> new Problem.FieldError(field,
                            "holds a sealed text (sealed:v1:…), which only the services write")).toList()));
        }
        List<String> fields = found.named();
        if (!fields.isEmpty()) {
            throw new HttpProblem(Problem.of(422, "names-a-person", "A text names a person",
                    "A free text names a member of the organisation (" + String.join(", ", fields) + "): refer to staff "
                            + "by their role (the team lead, the manager, a member), never by name")
                    .withErrors(fields.stream().map(field -> new Problem.FieldError(field,
                            "names a member of the organisation; refer to them by role")).toList()));
        }
        return body;
    }

    private void visit(Object value, String path, Findings fields, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof String text) {
            if (names.named(text) != null) {
                fields.named().add(path.isEmpty() ? "body" : path);
            }
            if (text.contains(SealedText.PREFIX) && SealedText.TOKEN.matcher(text).find()) {
                fields.sealed().add(path.isEmpty() ? "body" : path);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.isAnnotationPresent(PersonName.class)) {
                    continue;
                }
                visit(read(component, record), join(path, component.getName()), fields, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                visit(key, join(path, key), fields, depth + 1);
                visit(entry.getValue(), join(path, key), fields, depth + 1);
            }
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                visit(item, path + "[" + index++ + "]", fields, depth + 1);
            }
        } else if (value instanceof JsonNode node) {
            visitJson(node, path, fields, depth);
        }
    }

    private void visitJson(JsonNode node, String path, Findings fields, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node.isTextual()) {
            visit(node.asText(), path, fields, depth);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visitJson(node.get(i), path + "[" + i + "]", fields, depth + 1);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                visitJson(field.getValue(), join(path, field.getKey()), fields, depth + 1);
            }
        }
    }

    /** The fields that name a member, and those that hold a sealed text. */
    private record Findings(List<String> named, List<String> sealed) {
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
