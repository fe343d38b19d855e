package org.learningloop.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer ({@code application/problem+json}).
 *
 * @param type   a URI naming the kind of problem, e.g. {@code urn:learning-loop:problem:validation-failed}
 * @param errors for validation failures, one entry per offending field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)

public record Problem(String type, String title, int status, String detail, String instance, String code,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:learning-loop:problem:";

    /** One wrong field: a JSON-pointer-like path ({@code lagMeasure.deadline}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.Status status, String code, String title, String detail) {
        return new Problem(TYPE_PREFIX + code, title, status.getStatusCode(), detail, null, code, null);
    }

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, null, code, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, code, fieldErrors.isEmpty() ? null : fieldErrors);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, code, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
