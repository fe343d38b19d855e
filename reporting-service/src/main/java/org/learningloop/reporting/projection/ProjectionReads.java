package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/** Reads a projection's live generation. (Stand-in until the projection runtime lands: schema proj_&lt;name&gt;.) */
@ApplicationScoped
public class ProjectionReads {

    private final Pool pool;

    public ProjectionReads(Pool pool) {
        this.pool = pool;
    }

    /** Runs the query in a read-only transaction whose search_path is the projection's live schema (then public). */
    public <T> Uni<T> read(String projection, Function<SqlConnection, Uni<T>> query) {
        String schema = "proj_" + projection.replace('-', '_');
        return pool.withTransaction(connection -> connection
                .query("set transaction read only").execute()
                .chain(() -> connection.query("set local search_path to " + schema + ", public").execute())
                .chain(() -> query.apply(connection)));
    }
}
