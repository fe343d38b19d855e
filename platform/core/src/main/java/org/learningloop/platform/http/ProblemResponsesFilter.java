package org.learningloop.platform.http;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Documents the error answers every endpoint shares, once for all services: each operation gets
 * its problem+json responses by what it takes (a body: 400; a path id: 404; {@code If-Match}: 409,
 * 412 and 428; {@code Idempotency-Key}: 422; always 401, 403, 500 and 503); every JSON request body gets an example
 * ({@link RequestExamples}) and the document a relative server.
 */
public class ProblemResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean hasPathParameter = path.getKey().contains("{");
            for (Operation operation : path.getValue().getOperations().values()) {
                document(operation, hasPathParameter);
                typeHeaders(operation);
            }
        }
        RequestExamples.addTo(openAPI);
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            // relative to where the document is served: the service's API port, however it is reached
            openAPI.addServer(OASFactory.createServer().url("/")
                    .description("This service, where this document is served (its API port)"));
        }
    }

    /** OpenAPI 3.1 wants a schema (or content) on every header object: ours (ETag, Location, Retry-After…) are strings. */
    private static void typeHeaders(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().values().forEach(response -> {
            if (response.getHeaders() != null) {
                response.getHeaders().values().forEach(header -> {
                    if (header.getSchema() == null && header.getContent() == null && header.getRef() == null) {
                        header.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
                    }
                });
            }
        });
    }

    private static void document(Operation operation, boolean hasPathParameter) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean ifMatch = false;
        for (Parameter parameter : parameters) {
            if ("If-Match".equalsIgnoreCase(parameter.getName())) {
                // every change of an existing resource names the version it was made on (Versions.required)
                ifMatch = true;
                parameter.setRequired(true);
                if (parameter.getDescription() == null) {
                    parameter.setDescription("The ETag of the version the change is made on, e.g. \"3\"");
                }
            }
        }
        boolean idempotencyKey = parameters.stream().anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));
        if (operation.getRequestBody() != null || !parameters.isEmpty()) {
            add(responses, "400", "Invalid request: the problem lists each wrong field");
        }
        if (hasPathParameter) {
            add(responses, "404", "No such resource");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "409", "A rule of the domain forbids this change now (the problem says which)");
            add(responses, "415", "The body must be application/json");
            add(responses, "422", "The request refers to something that does not exist or does not fit");
        }
        if (ifMatch) {
            add(responses, "412", "Stale If-Match: the resource changed since you read it (the answer's ETag is current)");
            add(responses, "428", "If-Match is required");
        }
        if (idempotencyKey) {
            add(responses, "422", "The Idempotency-Key was used with a different request");
        }
        // every operation needs a bearer token (ADR 15); its rule may leave the caller out
        add(responses, "401", "No valid bearer token of the organisation's identity provider");
        add(responses, "403", "Signed in, but the caller's roles, team or unit do not allow this");
        add(responses, "500", "Unexpected failure; the problem names an error id for the logs");
        // any request may find the service at its limit of requests in flight (Admission) or its database away
        add(responses, "503", "Overloaded (code overloaded: nothing was done) or the database is unreachable (code "
                + "service-unavailable); try again after Retry-After seconds");
        APIResponse unavailable = responses.getAPIResponse("503");
        if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey("Retry-After")) {
            unavailable.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying again")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", text).addProperty("message", text);
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("URI of the kind of problem, e.g. urn:learning-loop:problem:validation-failed"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("code", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("Stable machine-readable code, e.g. stale-version"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(fieldError)
                        .description("For validation failures: each wrong field"));
    }

    private static void add(APIResponses responses, String status, String description) {
        Schema problem = OASFactory.createSchema().ref("#/components/schemas/Problem");
        Content content = OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(problem));
        APIResponse existing = responses.getAPIResponse(status);
        if (existing == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(content));
        } else if (existing.getContent() == null) {
            // generated ones (e.g. 400 for validated bodies) carry only a reason phrase
            existing.description(description).content(content);
        }
    }
}
