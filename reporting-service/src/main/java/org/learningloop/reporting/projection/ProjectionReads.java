package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/** Reads a projection's live generation. */
@ApplicationScoped
public class ProjectionReads {

    private final Pool pool;

    public ProjectionReads(Pool pool) {
        this.pool = pool;
    }

    /** Runs the query in a read-only transaction whose search_path is the projection's live schema (then public). */
    public <T> Uni<T> read(String projection, Function<SqlConnection, Uni<T>> query) {
        return read(projection, 1, query);
    }

    /**
     * As {@link #read(String, Function)}, for a query that needs a live generation built by at least {@code version}
     * of the projection's code (503 while an upgrade's rebuild is catching up).
     */
    public <T> Uni<T> read(String projection, int version, Function<SqlConnection, Uni<T>> query) {
        return pool.withTransaction(tx -> tx.query("set transaction read only").execute()
                        .chain(() -> tx.preparedQuery("select schema_name, version from projection_generation "
                                        + "where projection = $1 and state = 'live'")
                                .execute(Tuple.of(projection)))
                        .chain(rows -> {
                            RowIterator<io.vertx.mutiny.sqlclient.Row> it = rows.iterator();
                            if (!it.hasNext()) {
                                return Uni.createFrom().failure(ProjectionUnavailable.notLive(projection));
                            }
                            io.vertx.mutiny.sqlclient.Row live = it.next();
                            if (live.getInteger("version") < version) {
                                return Uni.createFrom().failure(ProjectionUnavailable.rebuilding(projection));
                            }
                            return tx.query("set local search_path to " + Schemas.quote(live.getString("schema_name"))
                                    + ", public").execute();
                        })
                        .chain(() -> query.apply(tx)))
                // a read that began just before a switch may find the retired schema dropped: read the new live one
                .onFailure(ProjectionReads::schemaGone).retry().atMost(3);
    }

    static boolean schemaGone(Throwable failure) {
        return failure instanceof PgException pg
                && ("42P01".equals(pg.getSqlState()) || "3F000".equals(pg.getSqlState()));
    }
}
