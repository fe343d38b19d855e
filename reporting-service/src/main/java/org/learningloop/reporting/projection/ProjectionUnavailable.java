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

    /** The live generation was built by an older version of the projection's code, and its rebuild has not caught up: 503. */
    static HttpProblem rebuilding(String projection) {
        return new HttpProblem(Problem.of(503, "projection-rebuilding", "Projection being rebuilt",
                "Projection " + projection + " is being rebuilt by a newer version of the service; this query "
                        + "answers once the rebuild has caught up (GET /admin/projections/" + projection + ")"));
    }

    public static HttpProblem unknown(String projection) {
        return new HttpProblem(Problem.of(404, "projection-not-found", "Projection not found",
                "There is no projection named " + projection));
    }
}
