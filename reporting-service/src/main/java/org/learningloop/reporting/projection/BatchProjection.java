package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.learningloop.platform.inbox.IncomingEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Projection} that applies a polled batch at once, in a few statements that do not grow with the batch's
 * size (rows unnested from arrays), instead of one statement or more per event: PostgreSQL's work per statement, not
 * per row, is then paid a few times a batch. A projection whose events each write a row of their own may instead send
 * one statement per event, all at once ({@link #inOrder}): the batch then waits for PostgreSQL once, not once an
 * event. {@link #applyAll} has the effect of {@link #apply} on each event in the batch's order;
 * the runner applies one event at a time only to find which event of a failing batch is poison.
 * <p>
 * The rows are worked out before the batch's transaction ({@link #prepare}), from the events alone: the runner does it
 * on its own thread while the batch before applies, so building rows and PostgreSQL writing the previous ones overlap.
 */
public interface BatchProjection extends Projection {

    /** One statement of a prepared batch and the values it is executed with. */
    record Statement(String sql, Tuple values) {
    }

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

    /**
     * Writes that execute {@code statements} in this order, sent without waiting for each other's answers: the
     * connection pipelines them (up to its pipelining limit at a time), so a batch of them costs about one round trip,
     * not one each. PostgreSQL runs them in the order sent, each one seeing what the ones before it wrote, as if
     * awaited one by one. The first to fail fails the writes and its transaction; those after it then do nothing.
     */
    static Writes inOrder(List<Statement> statements) {
        List<Statement> copy = List.copyOf(statements);
        return tx -> {
            if (copy.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            // subscribed in the list's order, so handed to the connection in that order
            List<Uni<Void>> sent = new ArrayList<>(copy.size());
            for (Statement statement : copy) {
                sent.add(tx.preparedQuery(statement.sql()).execute(statement.values()).replaceWithVoid());
            }
            return Uni.join().all(sent).andFailFast().replaceWithVoid();
        };
    }
}
