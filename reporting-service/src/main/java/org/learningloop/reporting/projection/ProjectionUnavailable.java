package org.learningloop.reporting.projection;

import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Problem;

/** Problems of the projection runtime that reach HTTP. */
public final class ProjectionUnavailable {

    private ProjectionUnavailable() {
    }

    /** No live generation yet (the runtime is off or has not started): 503. */
    static HttpProblem notLive(String projection) {
        return new HttpProblem(Problem.of(503, "projection-unavailable", "Projection unavailable",
                "Projection " + projection + " has no live generation yet"));
    }

    public static HttpProblem unknown(String projection) {
        return new HttpProblem(Problem.of(404, "projection-not-found", "Projection not found",
                "There is no projection named " + projection));
    }
}
