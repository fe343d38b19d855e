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

    /** A write the client asked to see ({@code after=}) has not reached the projection within the wait: 503. */
    static HttpProblem behind(ProjectionReads.Behind behind, java.time.Duration waited) {
        return new HttpProblem(Problem.of(503, "projection-behind", "Projection behind your write",
                "Projection " + behind.projection + " has not applied " + behind.position + " yet ("
                        + (behind.applied == null ? "nothing of that stream" : "up to version " + behind.applied)
                        + ") after waiting " + waited.toMillis() + " ms; ask again shortly"));
    }

    public static HttpProblem unknown(String projection) {
        return new HttpProblem(Problem.of(404, "projection-not-found", "Projection not found",
                "There is no projection named " + projection));
    }
}
