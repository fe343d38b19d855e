package org.learningloop.reporting.projection;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.http.HttpProblem;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.learningloop.platform.http.StreamPosition;
import org.learningloop.reporting.LoopScenario;
import org.learningloop.reporting.activities.ActivityFactsProjection;
import org.learningloop.reporting.evidence.GoalFactsProjection;
import org.learningloop.reporting.history.TeamHistoryProjection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A read of a projection runs in its live generation's schema (then public), in a transaction that cannot write, and
 * 503s when the projection has no live generation of the version it needs.
 */
@QuarkusTest
class ProjectionReadsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    ProjectionReads reads;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aRead_runsInTheLiveGenerationsSchema_andCannotWrite() {
        String live = liveSchema(TeamHistoryProjection.NAME);

        String searched = reads.read(TeamHistoryProjection.NAME, tx -> tx.query("select current_schemas(false)").execute()
                        .map(rows -> String.join(",", rows.iterator().next().getArrayOfStrings(0))))
                .await().atMost(PATIENCE);
        assertThat(searched).isEqualTo(live + ",public");

        assertThatThrownBy(() -> reads.read(TeamHistoryProjection.NAME, tx -> tx.preparedQuery(
                                "insert into team_unit (team_id, unit_id) values ($1, $2)")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.randomUUID(), UUID.randomUUID())))
                .await().atMost(PATIENCE))
                .isInstanceOfSatisfying(PgException.class,
                        failure -> assertThat(failure.getSqlState()).as("read-only transaction").isEqualTo("25006"));

        assertThatThrownBy(() -> reads.read(TeamHistoryProjection.NAME, 99, tx -> tx.query("select 1").execute())
                .await().atMost(PATIENCE)).isInstanceOfSatisfying(HttpProblem.class,
                problem -> assertThat(problem.problem().code()).isEqualTo("projection-rebuilding"));
        assertThatThrownBy(() -> reads.read("no-such-projection", tx -> tx.query("select 1").execute())
                .await().atMost(PATIENCE)).isInstanceOfSatisfying(HttpProblem.class,
                problem -> assertThat(problem.problem().code()).isEqualTo("projection-unavailable"));
    }

    /**
     * A query may send statements one after another: each runs in the read's transaction (its search_path, read-only,
     * one transaction time), not only the first, which is sent with the transaction's start.
     */
    @Test
    void aQueryOfSeveralStatements_runsEachInTheRead() {
        String live = liveSchema(TeamHistoryProjection.NAME);
        String seen = reads.read(TeamHistoryProjection.NAME, tx -> tx.query("select transaction_timestamp()::text")
                        .execute().map(rows -> rows.iterator().next().getString(0))
                        .chain(started -> tx.query("select pg_sleep(0.01)").execute()
                                .chain(() -> tx.query("select array_to_string(current_schemas(false), ','), "
                                        + "current_setting('transaction_read_only'), transaction_timestamp()::text").execute())
                                .map(rows -> {
                                    var row = rows.iterator().next();
                                    return row.getString(0) + "|" + row.getString(1) + "|" + started.equals(row.getString(2));
                                })))
                .await().atMost(PATIENCE);
        assertThat(seen).isEqualTo(live + ",public|on|true");
    }

    /**
     * Every read ends its transaction before its connection goes back to the pool, whichever way it ended: a query
     * that failed, a projection with no live generation, one not yet rebuilt to the version needed, a read that
     * answered. Else the next user of the connection would run inside it. Another connection, held through the reads
     * so that none of them uses it, looks at every other session.
     */
    @Test
    void everyRead_endsItsTransaction() {
        liveSchema(TeamHistoryProjection.NAME);
        String marker = "reads-test-" + UUID.randomUUID();
        String failing = "select 1 / (count(*) - count(*)) /* " + marker + " */ from team_unit";
        String fine = "select count(*) /* " + marker + " */ from team_unit";
        SqlConnection observer = pool.getConnection().await().atMost(PATIENCE);
        try {
            assertThatThrownBy(() -> reads.read(TeamHistoryProjection.NAME, tx -> tx.query(failing).execute())
                    .await().atMost(PATIENCE)).isInstanceOfSatisfying(PgException.class,
                    failure -> assertThat(failure.getSqlState()).as("division by zero").isEqualTo("22012"));
            assertThat(inTransaction(observer, marker)).as("after a failed query").isZero();
            assertThatThrownBy(() -> reads.read("no-such-projection", tx -> tx.query(fine).execute())
                    .await().atMost(PATIENCE)).isInstanceOf(HttpProblem.class);
            assertThat(inTransaction(observer, marker)).as("after a read of no live generation").isZero();
            assertThatThrownBy(() -> reads.read(TeamHistoryProjection.NAME, 99, tx -> tx.query(fine).execute())
                    .await().atMost(PATIENCE)).isInstanceOf(HttpProblem.class);
            assertThat(inTransaction(observer, marker)).as("after a read of a version not built yet").isZero();
            reads.read(TeamHistoryProjection.NAME, tx -> tx.query(fine).execute()).await().atMost(PATIENCE);
            assertThat(inTransaction(observer, marker)).as("after a read that answered").isZero();
        } finally {
            observer.close().await().atMost(PATIENCE);
        }
    }

    /**
     * A read of a version the live generation is not built by yet answers 503 without reading that generation: the
     * query, sent before the version is known, finds only public.
     */
    @Test
    void aReadOfAVersionNotBuiltYet_doesNotReadTheLiveGeneration() {
        liveSchema(TeamHistoryProjection.NAME);
        AtomicReference<String> searched = new AtomicReference<>();
        assertThatThrownBy(() -> reads.read(TeamHistoryProjection.NAME, 99, tx -> tx.query(
                                "select array_to_string(current_schemas(false), ',')").execute()
                        .invoke(rows -> searched.set(rows.iterator().next().getString(0))))
                .await().atMost(PATIENCE)).isInstanceOfSatisfying(HttpProblem.class,
                problem -> assertThat(problem.problem().code()).isEqualTo("projection-rebuilding"));
        assertThat(searched.get()).isEqualTo("public");
    }

    /** Sessions other than {@code observer}'s whose last statement named {@code marker} and that are still in a transaction. */
    private long inTransaction(SqlConnection observer, String marker) {
        return observer.preparedQuery("select count(*) from pg_stat_activity where pid <> pg_backend_pid() "
                        + "and state <> 'idle' and strpos(query, $1) > 0")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(marker)).await().atMost(PATIENCE)
                .iterator().next().getLong(0);
    }

    /** The projection's live schema, once there is one. */
    private String liveSchema(String projection) {
        return await().atMost(PATIENCE).until(() -> {
            var rows = pool.preparedQuery("select schema_name from projection_generation "
                    + "where projection = $1 and state = 'live'").execute(io.vertx.mutiny.sqlclient.Tuple.of(
                    projection)).await().atMost(PATIENCE);
            return rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
        }, schema -> schema != null);
    }

    /**
     * Only the projections a read waits on record stream positions (ADR 23): the team history, which no read waits on,
     * records none, and a read that would wait on it is refused as the programming error it is.
     */
    @Test
    void onlyProjectionsReadsWaitOn_recordStreamPositions() {
        LoopScenario scenario = new LoopScenario(Instant.parse("2026-06-01T08:00:00Z"));
        scenario.team("Recorded", 2);
        scenario.publishAll(kafka);
        String stream = scenario.events().get(scenario.events().size() - 1).streamId();
        await().atMost(PATIENCE).until(() -> positions(ActivityFactsProjection.NAME, stream) > 0
                && positions(GoalFactsProjection.NAME, stream) > 0);
        // lag 0: the team history has applied them too
        RebuildTest.awaitAllLive(List.of(TeamHistoryProjection.NAME));

        assertThat(positions(TeamHistoryProjection.NAME, null)).isZero();
        assertThatThrownBy(() -> reads.caughtUp(List.of(TeamHistoryProjection.NAME),
                List.of(new StreamPosition(stream, 1)), Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TeamHistoryProjection.NAME);
        reads.caughtUp(List.of(ActivityFactsProjection.NAME, GoalFactsProjection.NAME),
                List.of(new StreamPosition(stream, 1)), PATIENCE).await().atMost(PATIENCE);
    }

    /** How many stream positions the projection's generations hold ({@code stream} only, unless null). */
    private long positions(String projection, String stream) {
        return pool.preparedQuery("select count(*) from projection_stream_position where projection = $1 "
                        + "and ($2::text is null or stream_id = $2)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(projection, stream)).await().atMost(PATIENCE)
                .iterator().next().getLong(0);
    }
}
