package org.learningloop.platform.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * A path or query parameter with a control character (e.g. {@code %00}, {@code %0a}) is refused before any
 * resource sees it: 400 problem+json, never a 500 from the database nor a forged log line.
 */
public class PlainUrls {

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (hasControlCharacter(path)) {
            return refusal("path", "The path contains a control character");
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (hasControlCharacter(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(PlainUrls::hasControlCharacter)) {
                return refusal(hasControlCharacter(parameter.getKey()) ? "query" : parameter.getKey(),
                        "A query parameter contains a control character");
            }
        }
        return null;
    }

    /** Any control character: unlike text in a body, a path or query has no place for tabs or line breaks. */
    static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static Response refusal(String field, String detail) {
        return Problem.of(400, "control-character", "Invalid characters", detail)
                .withErrors(List.of(new Problem.FieldError(field, "must not contain control characters")))
                .toResponse();
    }
}
