package org.learningloop.goal.wig.summary;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.WigAbandoned;
import org.learningloop.contracts.goal.WigAchieved;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.platform.eventstore.RecordedEvent;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes the WIG list read model ({@code wig_summary}) in the caller's transaction, the WIG commands' own (ADR 22):
 * {@link #catchUp} brings a WIG's row up to its stream, the events appended in that transaction included. The row
 * records the stream version it has applied, so an event is applied once whoever catches up, and the list can be
 * rebuilt from the event store.
 */
@ApplicationScoped
public class WigSummaryListing {

    /**
     * Applies the events of the WIG's {@code stream} (all of it, in version order) that its row has not applied yet.
     * Holds the WIG's lock until the transaction ends, so that two transactions catching up the same WIG (a command
     * and the catch-up at start) apply each event once.
     */
    public Uni<Void> catchUp(SqlClient tx, UUID wigId, List<RecordedEvent> stream) {
        return catchUp(tx, wigId, applied -> Uni.createFrom().item(stream));
    }

    /**
     * As {@link #catchUp(SqlClient, UUID, List)}, reading the stream with {@code eventsFrom}: given the row's applied
     * version, the events from the next one on (so a long stream is not read again whole for one new event).
     */
    public Uni<Void> catchUp(SqlClient tx, UUID wigId, Function<Long, Uni<List<RecordedEvent>>> eventsFrom) {
        return tx.preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("wig-summary:" + wigId))
                .chain(() -> tx.preparedQuery("select version from wig_summary where wig_id = $1").execute(Tuple.of(wigId)))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("version"))
                .chain(applied -> eventsFrom.apply(applied + 1).map(stream -> new Applied(applied, stream)))
                .chain(read -> {
                    long applied = read.version();
                    List<RecordedEvent> stream = read.events();
                    Uni<Void> all = Uni.createFrom().voidItem();
                    long last = applied;
                    for (RecordedEvent recorded : stream) {
                        if (recorded.streamVersion() > applied) {
                            all = all.chain(() -> apply(tx, recorded));
                            last = Math.max(last, recorded.streamVersion());
                        }
                    }
                    long caughtUp = last;
                    // events the list does not show count as applied too
                    return last == applied ? all : all.chain(() -> tx.preparedQuery(
                                    "update wig_summary set version = greatest(version, $2) where wig_id = $1")
                            .execute(Tuple.of(wigId, caughtUp)).replaceWithVoid());
                });
    }

    private record Applied(long version, List<RecordedEvent> events) {
    }

    private Uni<Void> apply(SqlClient tx, RecordedEvent recorded) {
        LoopEvent event = GoalEvents.CATALOG.decode(recorded.type(), recorded.typeVersion(), recorded.payload(),
                recorded.occurredAt());
        long version = recorded.streamVersion();
        if (event instanceof WigDefined defined) {
            var lag = defined.lagMeasure();
            return tx.preparedQuery("""
                            insert into wig_summary (wig_id, title, team_id, unit_id, parent_wig_id, metric, lag_unit, lag_from,
                                                     lag_to, start_date, deadline, cadence, defined_at, version)
                            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                            on conflict (wig_id) do nothing""")
                    .execute(Tuple.tuple().addUUID(defined.wigId()).addString(defined.title()).addUUID(defined.teamId())
                            .addUUID(defined.unitId()).addUUID(defined.parentWigId()).addString(lag.metric())
                            .addString(lag.unit()).addBigDecimal(lag.from()).addBigDecimal(lag.to())
                            .addLocalDate(lag.startDate()).addLocalDate(lag.deadline())
                            .addString(lag.cadence().name().toLowerCase())
                            .addOffsetDateTime(OffsetDateTime.ofInstant(recorded.occurredAt(), ZoneOffset.UTC))
                            .addLong(version))
                    .replaceWithVoid();
        }
        if (event instanceof LagReadingRecorded reading) {
            return reading(tx, reading.wigId(), reading.period(), reading.value(), version, 1);
        }
        if (event instanceof LagReadingCorrected corrected) {
            return reading(tx, corrected.wigId(), corrected.period(), corrected.value(), version, 0);
        }
        if (event instanceof WigRevised revised) {
            return tx.preparedQuery("update wig_summary set title = $2, lag_to = $3, deadline = $4,"
                            + " version = greatest(version, $5) where wig_id = $1")
                    .execute(Tuple.of(revised.wigId(), revised.title(), revised.to(), revised.deadline(), version))
                    .replaceWithVoid();
        }
        if (event instanceof WigAchieved achieved) {
            return status(tx, achieved.wigId(), "achieved", version);
        }
        if (event instanceof WigAbandoned abandoned) {
            return status(tx, abandoned.wigId(), "abandoned", version);
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> status(SqlClient tx, UUID wigId, String status, long version) {
        return tx.preparedQuery("update wig_summary set status = $2, version = greatest(version, $3) where wig_id = $1")
                .execute(Tuple.of(wigId, status, version))
                .replaceWithVoid();
    }

    /** A period's value; {@code newReadings} is 1 for a first reading, 0 for a correction. */
    private static Uni<Void> reading(SqlClient tx, UUID wigId, String period, BigDecimal value, long version,
                                     int newReadings) {
        return tx.preparedQuery("""
                        update wig_summary
                        set current_value = case when current_period is null or $2 >= current_period then $3 else current_value end,
                            current_period = case when current_period is null or $2 >= current_period then $2 else current_period end,
                            readings_recorded = readings_recorded + $5,
                            version = greatest(version, $4)
                        where wig_id = $1""")
                .execute(Tuple.of(wigId, period, value, version, newReadings))
                .replaceWithVoid();
    }
}
