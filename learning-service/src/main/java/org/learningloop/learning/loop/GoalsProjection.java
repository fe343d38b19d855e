package org.learningloop.learning.loop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.LeadMeasureRetired;
import org.learningloop.contracts.goal.LeadReadingCorrected;
import org.learningloop.contracts.goal.LeadReadingRecorded;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.UnitCreated;
import org.learningloop.contracts.goal.WigAbandoned;
import org.learningloop.contracts.goal.WigAchieved;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The goals read model from {@code loop.goals}: the team directory (team → unit), WIGs with their lag
 * readings by period, lead measures (weekly target, activity type, status, active from the activation's
 * {@code activeFrom} until the retirement's time, as the counting rule needs) and manual lead readings
 * by ISO week. Each event once (inbox, same transaction); periods are the payload's, never arrival time.
 * Member events and unit manager changes are not needed.
 */
@ApplicationScoped
public class GoalsProjection {

    static final String CONSUMER = "learning-service.goals.v2";

    private final Inbox inbox;

    public GoalsProjection(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("goals")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, this::apply);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        LoopEvent event = incoming.event();
        if (event instanceof UnitCreated unit) {
            return run(tx, """
                    insert into unit_directory (unit_id, name) values ($1, $2)
                    on conflict (unit_id) do update set name = excluded.name""", Tuple.of(unit.unitId(), unit.name()));
        }
        if (event instanceof TeamCreated team) {
            return run(tx, """
                    insert into team_directory (team_id, unit_id, name, created_at) values ($1, $2, $3, $4)
                    on conflict (team_id) do update set unit_id = excluded.unit_id, name = excluded.name""",
                    Tuple.of(team.teamId(), team.unitId(), team.name(),
                            OffsetDateTime.ofInstant(incoming.time(), ZoneOffset.UTC)));
        }
        if (event instanceof WigDefined wig) {
            return defined(tx, wig);
        }
        if (event instanceof WigRevised wig) {
            return run(tx, """
                    update wig_view set title = coalesce($2, title), to_value = coalesce($3, to_value),
                                        deadline = coalesce($4, deadline) where wig_id = $1""",
                    Tuple.of(wig.wigId(), wig.title(), wig.to(), wig.deadline()));
        }
        if (event instanceof WigAchieved wig) {
            return status(tx, wig.wigId(), "achieved");
        }
        if (event instanceof WigAbandoned wig) {
            return status(tx, wig.wigId(), "abandoned");
        }
        if (event instanceof LagReadingRecorded reading) {
            return lag(tx, reading.wigId(), reading.period(), reading.value());
        }
        if (event instanceof LagReadingCorrected reading) {
            return lag(tx, reading.wigId(), reading.period(), reading.value());
        }
        if (event instanceof LeadMeasureProposed lead) {
            return run(tx, """
                    insert into lead_measure_view (lead_measure_id, wig_id, team_id, unit_id, name, activity_type,
                                                   weekly_target, status)
                    values ($1, $2, $3, $4, $5, $6, $7, 'proposed') on conflict (lead_measure_id) do nothing""",
                    Tuple.tuple().addUUID(lead.leadMeasureId()).addUUID(lead.wigId()).addUUID(lead.teamId())
                            .addUUID(lead.unitId()).addString(lead.name()).addString(lead.activityType())
                            .addInteger(lead.weeklyTarget()));
        }
        if (event instanceof LeadMeasureActivated lead) {
            return run(tx, """
                    insert into lead_measure_view (lead_measure_id, wig_id, team_id, unit_id, name, activity_type,
                                                   weekly_target, status, active_from)
                    values ($1, $2, $3, $4, $5, $5, $6, 'active', $7)
                    on conflict (lead_measure_id) do update set activity_type = excluded.activity_type,
                        weekly_target = excluded.weekly_target, status = 'active',
                        active_from = coalesce(lead_measure_view.active_from, excluded.active_from)""",
                    Tuple.tuple().addUUID(lead.leadMeasureId()).addUUID(lead.wigId()).addUUID(lead.teamId())
                            .addUUID(lead.unitId()).addString(lead.activityType()).addInteger(lead.weeklyTarget())
                            .addOffsetDateTime(OffsetDateTime.ofInstant(lead.activeFrom(), ZoneOffset.UTC)));
        }
        if (event instanceof LeadMeasureRetired lead) {
            return run(tx, "update lead_measure_view set status = 'retired', active_until = $2 where lead_measure_id = $1",
                    Tuple.tuple().addUUID(lead.leadMeasureId())
                            .addOffsetDateTime(OffsetDateTime.ofInstant(incoming.time(), ZoneOffset.UTC)));
        }
        if (event instanceof LeadReadingRecorded reading) {
            return lead(tx, reading.leadMeasureId(), reading.week(), reading.count());
        }
        if (event instanceof LeadReadingCorrected reading) {
            return lead(tx, reading.leadMeasureId(), reading.week(), reading.count());
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> defined(SqlConnection tx, WigDefined wig) {
        LagMeasure lag = wig.lagMeasure();
        return run(tx, """
                insert into wig_view (wig_id, team_id, unit_id, title, metric, unit_name, from_value, to_value, start_date,
                                      deadline, cadence, status)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active') on conflict (wig_id) do nothing""",
                Tuple.tuple().addUUID(wig.wigId()).addUUID(wig.teamId()).addUUID(wig.unitId()).addString(wig.title())
                        .addString(lag.metric()).addString(lag.unit()).addBigDecimal(lag.from()).addBigDecimal(lag.to())
                        .addLocalDate(lag.startDate()).addLocalDate(lag.deadline())
                        .addString(lag.cadence() == null ? "month" : lag.cadence().name().toLowerCase()));
    }

    private static Uni<Void> status(SqlConnection tx, UUID wigId, String status) {
        return run(tx, "update wig_view set status = $2 where wig_id = $1", Tuple.of(wigId, status));
    }

    private static Uni<Void> lag(SqlConnection tx, UUID wigId, String period, java.math.BigDecimal value) {
        return run(tx, """
                insert into lag_reading (wig_id, period, value) values ($1, $2, $3)
                on conflict (wig_id, period) do update set value = excluded.value""", Tuple.of(wigId, period, value));
    }

    private static Uni<Void> lead(SqlConnection tx, UUID leadMeasureId, String week, int count) {
        return run(tx, """
                insert into lead_reading (lead_measure_id, week, count) values ($1, $2, $3)
                on conflict (lead_measure_id, week) do update set count = excluded.count""",
                Tuple.of(leadMeasureId, week, count));
    }

    private static Uni<Void> run(SqlConnection tx, String sql, Tuple params) {
        return tx.preparedQuery(sql).execute(params).replaceWithVoid();
    }
}
