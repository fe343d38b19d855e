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
 * <p>
 * The rows are worked out before the batch's transaction ({@link #prepare}), from the events alone: the runner does it
 * on its own thread while the batch before applies, so building rows and PostgreSQL writing the previous ones overlap.
 */
public interface BatchProjection extends Projection {

    /** The statements of a prepared batch, to run in its transaction. */
    @FunctionalInterface
    interface Writes {
        Uni<Void> apply(SqlConnection tx);
    }

    /**
     * What {@code events}, in this order, write: worked out from the events alone (pure: it reads nothing, so it may
     * run before the batches ahead of it have committed); what depends on those batches (a name an earlier batch
     * stored) is read by the {@link Writes} when they run. A failure here fails the batch's transaction as a failing
     * statement would.
     */
    Writes prepare(List<IncomingEvent> events);

    /** Applies {@code events}, in this order, inside the runner's batch transaction (as {@link #apply} each). */
    default Uni<Void> applyAll(SqlConnection tx, List<IncomingEvent> events) {
        return prepare(events).apply(tx);
    }
}
