package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.learningloop.platform.inbox.IncomingEvent;

import java.util.List;

/**
 * A {@link Projection} that applies a polled batch at once, in a few statements that do not grow with the batch's
 * size (rows unnested from arrays), instead of one statement or more per event: PostgreSQL's work per statement, not
 * per row, is then paid a few times a batch. {@link #applyAll} has the effect of {@link #apply} on each event in the batch's order;
 * the runner applies one event at a time only to find which event of a failing batch is poison.
 */
public interface BatchProjection extends Projection {

    /** Applies {@code events}, in this order, inside the runner's batch transaction (as {@link #apply} each). */
    Uni<Void> applyAll(SqlConnection tx, List<IncomingEvent> events);
}
