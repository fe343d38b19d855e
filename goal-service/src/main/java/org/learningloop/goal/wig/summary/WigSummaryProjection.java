package org.learningloop.goal.wig.summary;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.WigAbandoned;
import org.learningloop.contracts.goal.WigAchieved;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Projects {@code loop.goals} into the WIG list read model, each event once (inbox), so the list can
 * always be rebuilt by replaying the topic.
 */
@ApplicationScoped
public class WigSummaryProjection {

    static final String CONSUMER = "goal-service.wig-summaries";

    private final Inbox inbox;

    public WigSummaryProjection(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("wig-summaries")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, this::apply);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        if (incoming.event() instanceof WigDefined defined) {
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
                            .addOffsetDateTime(OffsetDateTime.ofInstant(incoming.time(), ZoneOffset.UTC))
                            .addLong(incoming.streamVersion()))
                    .replaceWithVoid();
        }
        if (incoming.event() instanceof LagReadingRecorded recorded) {
            return reading(tx, recorded.wigId(), recorded.period(), recorded.value(), incoming.streamVersion(), 1);
        }
        if (incoming.event() instanceof LagReadingCorrected corrected) {
            return reading(tx, corrected.wigId(), corrected.period(), corrected.value(), incoming.streamVersion(), 0);
        }
        if (incoming.event() instanceof WigRevised revised) {
            return tx.preparedQuery("update wig_summary set title = $2, lag_to = $3, deadline = $4,"
                            + " version = greatest(version, $5) where wig_id = $1")
                    .execute(Tuple.of(revised.wigId(), revised.title(), revised.to(), revised.deadline(),
                            incoming.streamVersion()))
                    .replaceWithVoid();
        }
        if (incoming.event() instanceof WigAchieved achieved) {
            return status(tx, achieved.wigId(), "achieved", incoming.streamVersion());
        }
        if (incoming.event() instanceof WigAbandoned abandoned) {
            return status(tx, abandoned.wigId(), "abandoned", incoming.streamVersion());
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> status(SqlConnection tx, UUID wigId, String status, long version) {
        return tx.preparedQuery("update wig_summary set status = $2, version = greatest(version, $3) where wig_id = $1")
                .execute(Tuple.of(wigId, status, version))
                .replaceWithVoid();
    }

    /** A period's value; {@code newReadings} is 1 for a first reading, 0 for a correction. */
    private static Uni<Void> reading(SqlConnection tx, UUID wigId, String period, BigDecimal value, long version,
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
