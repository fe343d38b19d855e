package org.learningloop.reporting.projection;

import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import org.learningloop.platform.http.StreamPosition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a projection's live generation. */
@ApplicationScoped
public class ProjectionReads {

    private final Pool pool;
    /** The names of the projections that record stream positions ({@link Projection#awaitedByReads()}). */
    private final Set<String> awaited;

    public ProjectionReads(Pool pool, @All List<Projection> projections) {
        this.pool = pool;
        this.awaited = projections.stream().filter(Projection::awaitedByReads).map(Projection::name)
                .collect(Collectors.toUnmodifiableSet());
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
        // Two round trips for a one-statement query once its statements are prepared on the connection, not four.
        // Sent together (pipelined on the connection, and run by PostgreSQL in the order sent): BEGIN READ ONLY; the
        // live generation looked up and, in the same statement and only when it is of the version needed, made the
        // transaction's search_path (set_config's true: local to the transaction); the query's first statement. Then
        // COMMIT, once the query has answered (it may send more statements, each after the one before) or at the
        // first failure of the other two, whichever way it ended: it ends the transaction before the connection goes
        // back to the pool. Without a live generation of the version needed, the query finds none of the
        // projection's tables (public holds none) and fails at once; its answer is dropped for the 503.
        return pool.withConnection(connection -> Uni.combine().all()
                        .unis(connection.query("begin transaction read only").execute(),
                                connection.preparedQuery("select version, case when version >= $2 then "
                                                + "set_config('search_path', quote_ident(schema_name) || ', public', true) "
                                                + "end from projection_generation where projection = $1 and state = 'live'")
                                        .execute(Tuple.of(projection, version))
                                        .map(rows -> {
                                            RowIterator<io.vertx.mutiny.sqlclient.Row> it = rows.iterator();
                                            return it.hasNext() ? it.next().getInteger("version") : null;
                                        }),
                                Uni.createFrom().deferred(() -> query.apply(connection))
                                        .map(Answer::of).onFailure().recoverWithItem(Answer::<T>failed))
                        .with((begun, live, answer) -> {
                            if (live == null) {
                                throw ProjectionUnavailable.notLive(projection);
                            }
                            if (live < version) {
                                throw ProjectionUnavailable.rebuilding(projection);
                            }
                            return answer;
                        })
                        .chain(Answer::toUni)
                        .eventually(() -> connection.query("commit").execute()))
                // a read that began just before a switch may find the retired schema dropped: read the new live one
                .onFailure(ProjectionReads::schemaGone).retry().atMost(3);
    }

    /** A query's result or failure, kept until the live generation it needed is known. */
    private record Answer<T>(T result, Throwable failure) {

        static <T> Answer<T> of(T result) {
            return new Answer<>(result, null);
        }

        static <T> Answer<T> failed(Throwable failure) {
            return new Answer<>(null, failure);
        }

        Uni<T> toUni() {
            return failure == null ? Uni.createFrom().item(result) : Uni.createFrom().failure(failure);
        }
    }

    /**
     * Completes once the live generation of each of {@code projections} has applied every one of {@code after}
     * (a write's {@code Loop-Position}, ADR 23), waiting up to {@code patience}; else fails with 503
     * {@code projection-behind}. Projections only move forward, so a query run after this sees those writes.
     */
    public Uni<Void> caughtUp(List<String> projections, List<StreamPosition> after, Duration patience) {
        for (String projection : projections) {
            if (!awaited.contains(projection)) {
                // a programming error, not the client's: this read would wait for positions that are never recorded
                throw new IllegalArgumentException("No read may wait on " + projection
                        + ": it records no stream positions (Projection.awaitedByReads)");
            }
        }
        if (after.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return attempt(projections, after, System.nanoTime() + patience.toNanos())
                .onFailure(Behind.class).transform(failure -> ProjectionUnavailable.behind((Behind) failure, patience));
    }

    /** One look at the positions, then again every 100 ms until {@code deadline} (System.nanoTime). */
    private Uni<Void> attempt(List<String> projections, List<StreamPosition> after, long deadline) {
        return behind(projections, after).chain(behind -> {
            if (behind == null) {
                return Uni.createFrom().voidItem();
            }
            if (System.nanoTime() > deadline) {
                return Uni.createFrom().failure(behind);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100))
                    .chain(() -> attempt(projections, after, deadline));
        });
    }

    /** The first position some projection's live generation has not applied, or {@code null}. */
    private Uni<Behind> behind(List<String> projections, List<StreamPosition> after) {
        String[] streams = after.stream().map(StreamPosition::streamId).toArray(String[]::new);
        return pool.preparedQuery("select g.projection, p.stream_id, p.version "
                        + "from projection_generation g join projection_stream_position p "
                        + "on p.projection = g.projection and p.generation = g.generation "
                        + "where g.state = 'live' and g.projection = any($1) and p.stream_id = any($2)")
                .execute(Tuple.of(projections.toArray(String[]::new), streams))
                .map(rows -> {
                    Map<String, Long> applied = new HashMap<>();
                    rows.forEach(row -> applied.put(row.getString("projection") + "\u0000"
                            + row.getString("stream_id"), row.getLong("version")));
                    for (String projection : projections) {
                        for (StreamPosition position : after) {
                            Long version = applied.get(projection + "\u0000" + position.streamId());
                            if (version == null || version < position.version()) {
                                return new Behind(projection, position, version);
                            }
                        }
                    }
                    return null;
                });
    }

    /** A projection has not yet applied a position. */
    static final class Behind extends RuntimeException {
        final String projection;
        final StreamPosition position;
        final Long applied;

        Behind(String projection, StreamPosition position, Long applied) {
            super(projection + " has not applied " + position, null, false, false);
            this.projection = projection;
            this.position = position;
            this.applied = applied;
        }
    }

    static boolean schemaGone(Throwable failure) {
        return failure instanceof PgException pg
                && ("42P01".equals(pg.getSqlState()) || "3F000".equals(pg.getSqlState()));
    }
}
