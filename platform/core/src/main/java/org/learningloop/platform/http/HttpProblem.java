package org.learningloop.platform.http;

/** An error answer decided at the HTTP edge (a header missing or malformed), carried to the problem mapper. */
public final class HttpProblem extends RuntimeException {

    private final transient Problem problem;

    public HttpProblem(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
