package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** A service answered a request with an error status; {@link #problem()} is its problem+json body, if any. */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final JsonNode problem;

    ApiProblem(String request, int status, JsonNode problem) {
        super(request + " answered " + status + (problem == null ? "" : ": " + problem));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public JsonNode problem() {
        return problem;
    }

    /** The problem's {@code code} (our problem documents name the rule that refused), or "". */
    public String code() {
        return problem == null ? "" : problem.path("code").asText("");
    }
}
