package org.learningloop.reporting.projection;

/**
 * A {@link Projection} whose events the runner may send to PostgreSQL pipelined (every event's first statement
 * goes out before the previous event's answer came back) instead of one after the other. PostgreSQL runs the
 * statements of one connection in the order they arrive, so this gives the sequential result when each
 * {@code apply} issues its statements at once in order, and any statement issued after an answer (a lookup
 * followed by a write) depends only on rows whose writes were issued earlier and is not read by later events
 * in the same batch. Writes that each stand alone (insert or upsert of one row, keyed by the event) qualify;
 * read-modify-write folds do not. A batch with a failure is retried one event after the other.
 */
public interface PipelinedProjection extends Projection {
}
