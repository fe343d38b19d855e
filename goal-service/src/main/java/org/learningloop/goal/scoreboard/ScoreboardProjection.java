package org.learningloop.goal.scoreboard;

import org.learningloop.contracts.Periods;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.goal.Cadence;
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
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.platform.readmodel.Rows;
import org.learningloop.rules.LeadMeasureCounting;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Projects {@code loop.goals} (teams, WIGs, lag readings, lead measures, manual lead readings) and
 * {@code loop.activities} (activities carried out) into the scoreboard read model, each event once (inbox).
 * Activities count toward lead measures by {@link LeadMeasureCounting}, the one counting rule (ADR 21), once per
 * activity id; a lead measure is active from its activation's {@code activeFrom} (a v1 activation without it is read
 * with its event time there, see {@code GoalEvents}) until its retirement's event time.
 */
@ApplicationScoped
public class ScoreboardProjection {

    static final String CONSUMER = "goal-service.scoreboard.v2";

    private final Inbox inbox;
    private final LoopConfig config;

    public ScoreboardProjection(Inbox inbox, LoopConfig config) {
        this.inbox = inbox;
        this.config = config;
    }

    @Incoming("scoreboard")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, this::apply);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        OffsetDateTime time = OffsetDateTime.ofInstant(incoming.time(), ZoneOffset.UTC);
        var event = incoming.event();
        if (event instanceof ActivityCarriedOut activity) {
            return count(tx, activity);
        }
        if (event instanceof UnitCreated unit) {
            return execute(tx, """
                    insert into scoreboard_unit (unit_id, name) values ($1, $2)
                    on conflict (unit_id) do update set name = excluded.name""",
                    Tuple.of(unit.unitId(), unit.name()));
        }
        if (event instanceof TeamCreated created) {
            return execute(tx, """
                    insert into scoreboard_team (team_id, unit_id, name, since) values ($1, $2, $3, $4)
                    on conflict (team_id) do update set unit_id = excluded.unit_id, name = excluded.name""",
                    Tuple.tuple().addUUID(created.teamId()).addUUID(created.unitId()).addString(created.name())
                            .addOffsetDateTime(time));
        }
        if (event instanceof WigDefined defined) {
            var lag = defined.lagMeasure();
            return teamNamed(tx, defined.teamId(), defined.unitId(), time).chain(() -> execute(tx, """
                    insert into scoreboard_wig (wig_id, team_id, unit_id, title, metric, lag_unit, lag_from, lag_to,
                                                start_date, deadline, cadence, status, defined_at)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12)
                    on conflict (wig_id) do nothing""",
                    Tuple.tuple().addUUID(defined.wigId()).addUUID(defined.teamId()).addUUID(defined.unitId())
                            .addString(defined.title()).addString(lag.metric()).addString(lag.unit())
                            .addBigDecimal(lag.from()).addBigDecimal(lag.to()).addLocalDate(lag.startDate())
                            .addLocalDate(lag.deadline()).addString(lag.cadence().name().toLowerCase())
                            .addOffsetDateTime(time)));
        }
        if (event instanceof WigRevised revised) {
            return execute(tx, """
                    update scoreboard_wig
                    set title = coalesce($2, title), lag_to = coalesce($3, lag_to), deadline = coalesce($4, deadline)
                    where wig_id = $1""",
                    Tuple.tuple().addUUID(revised.wigId()).addString(revised.title()).addBigDecimal(revised.to())
                            .addLocalDate(revised.deadline()));
        }
        if (event instanceof WigAchieved achieved) {
            return wigStatus(tx, achieved.wigId(), "achieved");
        }
        if (event instanceof WigAbandoned abandoned) {
            return wigStatus(tx, abandoned.wigId(), "abandoned");
        }
        if (event instanceof LagReadingRecorded recorded) {
            return lagReading(tx, recorded.wigId(), recorded.period(), recorded.value());
        }
        if (event instanceof LagReadingCorrected corrected) {
            return lagReading(tx, corrected.wigId(), corrected.period(), corrected.value());
        }
        if (event instanceof LeadMeasureProposed proposed) {
            return teamNamed(tx, proposed.teamId(), proposed.unitId(), time).chain(() -> execute(tx, """
                    insert into scoreboard_lead_measure (lead_measure_id, wig_id, team_id, unit_id, name, activity_type,
                                                         weekly_target, status, since)
                    values ($1, $2, $3, $4, $5, $6, $7, 'proposed', $8)
                    on conflict (lead_measure_id) do update set name = excluded.name""",
                    Tuple.tuple().addUUID(proposed.leadMeasureId()).addUUID(proposed.wigId())
                            .addUUID(proposed.teamId()).addUUID(proposed.unitId()).addString(proposed.name())
                            .addString(proposed.activityType()).addInteger(proposed.weeklyTarget())
                            .addOffsetDateTime(time)));
        }
        if (event instanceof LeadMeasureActivated activated) {
            return teamNamed(tx, activated.teamId(), activated.unitId(), time).chain(() -> execute(tx, """
                    insert into scoreboard_lead_measure (lead_measure_id, wig_id, team_id, unit_id, activity_type,
                                                         weekly_target, status, since, active_from)
                    values ($1, $2, $3, $4, $5, $6, 'active', $7, $8)
                    on conflict (lead_measure_id) do update
                    set status = 'active', weekly_target = excluded.weekly_target, activity_type = excluded.activity_type,
                        active_from = coalesce(scoreboard_lead_measure.active_from, excluded.active_from)""",
                    Tuple.tuple().addUUID(activated.leadMeasureId()).addUUID(activated.wigId())
                            .addUUID(activated.teamId()).addUUID(activated.unitId()).addString(activated.activityType())
                            .addInteger(activated.weeklyTarget()).addOffsetDateTime(time)
                            .addOffsetDateTime(OffsetDateTime.ofInstant(activated.activeFrom(), ZoneOffset.UTC))))
                    .chain(() -> lockTeam(tx, activated.teamId()))
                    .chain(() -> recount(tx, activated.teamId(), activated.activityType(), null));
        }
        if (event instanceof LeadMeasureRetired retired) {
            return lockTeam(tx, retired.teamId()).chain(() -> tx.preparedQuery("""
                    update scoreboard_lead_measure set status = 'retired', active_until = $2 where lead_measure_id = $1
                    returning team_id, activity_type""")
                    .execute(Tuple.tuple().addUUID(retired.leadMeasureId()).addOffsetDateTime(time)))
                    .chain(rows -> {
                        if (rows.size() == 0) {
                            return Uni.createFrom().voidItem();
                        }
                        Row measure = rows.iterator().next();
                        return recount(tx, measure.getUUID("team_id"), measure.getString("activity_type"), null);
                    });
        }
        if (event instanceof LeadReadingRecorded recorded) {
            return manualCount(tx, recorded.leadMeasureId(), recorded.week(), recorded.count());
        }
        if (event instanceof LeadReadingCorrected corrected) {
            return manualCount(tx, corrected.leadMeasureId(), corrected.week(), corrected.count());
        }
        return Uni.createFrom().voidItem();
    }

    /** Stores the activity once (with the lead measure it names), and counts it by {@link LeadMeasureCounting}. */
    private Uni<Void> count(SqlConnection tx, ActivityCarriedOut activity) {
        if (activity.activityId() == null || activity.teamId() == null || activity.activityType() == null
                || activity.carriedOutAt() == null) {
            throw CommandRejected.unprocessable("incomplete-activity",
                    "An activity carried out needs activityId, teamId, activityType and carriedOutAt");
        }
        String week = LeadMeasureCounting.week(activity.carriedOutAt(), config.timeZone());
        return lockTeam(tx, activity.teamId()).chain(() -> execute(tx, """
                insert into scoreboard_activity (activity_id, team_id, activity_type, lead_measure_id, carried_out_at, week)
                values ($1, $2, $3, $4, $5, $6)
                on conflict (activity_id) do update set lead_measure_id = excluded.lead_measure_id""",
                Tuple.tuple().addUUID(activity.activityId()).addUUID(activity.teamId()).addString(activity.activityType())
                        .addUUID(activity.leadMeasureId())
                        .addOffsetDateTime(OffsetDateTime.ofInstant(activity.carriedOutAt(), ZoneOffset.UTC))
                        .addString(week)))
                .chain(() -> recount(tx, activity.teamId(), activity.activityType(), activity.activityId()));
    }

    /**
     * Serialises a team's counting: an activity and an activation (or retirement) of the same team come
     * on different topics and may be applied at once by two consumers, each blind to the other's
     * uncommitted row. Held until the transaction ends.
     */
    private static Uni<Void> lockTeam(SqlConnection tx, UUID teamId) {
        return execute(tx, "select pg_advisory_xact_lock(hashtext($1))", Tuple.of(String.valueOf(teamId)));
    }

    /**
     * Counts the team's activities of the type ({@code activityId}: only that one; {@code null}: all of them) as
     * {@link LeadMeasureCounting} says, against every lead measure of the team and type: adds the counts it gives
     * that are missing, takes back those it no longer gives (a retirement, an earlier activation), and moves the
     * weekly actuals by the difference. Idempotent, so a replay or a redelivery changes nothing. The caller holds the
     * team's lock.
     */
    private Uni<Void> recount(SqlConnection tx, UUID teamId, String activityType, UUID activityId) {
        return tx.preparedQuery("""
                        select lead_measure_id, active_from, active_until from scoreboard_lead_measure
                        where team_id = $1 and activity_type = $2""")
                .execute(Tuple.of(teamId, activityType))
                .chain(measureRows -> {
                    List<LeadMeasureCounting.LeadMeasure> measures = new ArrayList<>();
                    measureRows.forEach(row -> measures.add(new LeadMeasureCounting.LeadMeasure(
                            row.getUUID("lead_measure_id"), teamId, activityType, Rows.instant(row, "active_from"),
                            Rows.instant(row, "active_until"))));
                    return tx.preparedQuery("""
                                    select activity_id, lead_measure_id, carried_out_at, week from scoreboard_activity
                                    where team_id = $1 and activity_type = $2 and ($3::uuid is null or activity_id = $3)""")
                            .execute(Tuple.of(teamId, activityType, activityId))
                            .chain(activityRows -> {
                                List<UUID> scope = new ArrayList<>();
                                List<UUID> countedMeasures = new ArrayList<>();
                                List<UUID> countedActivities = new ArrayList<>();
                                List<String> weeks = new ArrayList<>();
                                activityRows.forEach(row -> {
                                    var activity = new LeadMeasureCounting.Activity(row.getUUID("activity_id"), teamId,
                                            activityType, row.getUUID("lead_measure_id"), Rows.instant(row, "carried_out_at"));
                                    scope.add(activity.activityId());
                                    for (UUID measure : LeadMeasureCounting.countsToward(activity, measures)) {
                                        countedMeasures.add(measure);
                                        countedActivities.add(activity.activityId());
                                        weeks.add(row.getString("week"));
                                    }
                                });
                                return scope.isEmpty() ? Uni.createFrom().voidItem()
                                        : counted(tx, scope, countedMeasures, countedActivities, weeks);
                            });
                });
    }

    /** Makes the counted rows of the activities in {@code scope} exactly the given ones, moving the weekly actuals. */
    private static Uni<Void> counted(SqlConnection tx, List<UUID> scope, List<UUID> measures, List<UUID> activities,
                                     List<String> weeks) {
        return execute(tx, """
                with desired as (
                    select * from unnest($1::uuid[], $2::uuid[], $3::text[]) as d(lead_measure_id, activity_id, week)),
                removed as (
                    delete from scoreboard_counted_activity c
                    where c.activity_id = any($4)
                      and not exists (select 1 from desired d
                                      where d.lead_measure_id = c.lead_measure_id and d.activity_id = c.activity_id)
                    returning c.lead_measure_id, c.week),
                added as (
                    insert into scoreboard_counted_activity (lead_measure_id, activity_id, week)
                    select lead_measure_id, activity_id, week from desired
                    on conflict (lead_measure_id, activity_id) do nothing
                    returning lead_measure_id, week),
                delta as (
                    select lead_measure_id, week, sum(n)::int as n
                    from (select lead_measure_id, week, 1 as n from added
                          union all select lead_measure_id, week, -1 from removed) changes
                    group by lead_measure_id, week having sum(n) <> 0)
                insert into scoreboard_lead_week (lead_measure_id, week, automatic)
                select lead_measure_id, week, n from delta
                on conflict (lead_measure_id, week) do update set automatic = scoreboard_lead_week.automatic + excluded.automatic""",
                Tuple.tuple().addArrayOfUUID(measures.toArray(UUID[]::new))
                        .addArrayOfUUID(activities.toArray(UUID[]::new)).addArrayOfString(weeks.toArray(String[]::new))
                        .addArrayOfUUID(scope.toArray(UUID[]::new)));
    }

    private static Uni<Void> manualCount(SqlConnection tx, UUID leadMeasureId, String week, int count) {
        if (Periods.start(week, Cadence.WEEK).isEmpty()) {
            throw CommandRejected.unprocessable("invalid-week", "A lead reading's week must be an ISO week",
                    new CommandRejected.FieldError("week", "must be an ISO week such as 2026-W48"));
        }
        return execute(tx, """
                insert into scoreboard_lead_week (lead_measure_id, week, manual) values ($1, $2, $3)
                on conflict (lead_measure_id, week) do update set manual = excluded.manual""",
                Tuple.of(leadMeasureId, week, count));
    }

    private static Uni<Void> lagReading(SqlConnection tx, UUID wigId, String period, BigDecimal value) {
        return execute(tx, """
                insert into scoreboard_lag_reading (wig_id, period, value) values ($1, $2, $3)
                on conflict (wig_id, period) do update set value = excluded.value""",
                Tuple.of(wigId, period, value))
                .chain(() -> execute(tx, """
                        update scoreboard_wig w
                        set (current_period, current_value) = (select r.period, r.value from scoreboard_lag_reading r
                                                               where r.wig_id = w.wig_id order by r.period desc limit 1)
                        where w.wig_id = $1""", Tuple.of(wigId)));
    }

    private static Uni<Void> wigStatus(SqlConnection tx, UUID wigId, String status) {
        return execute(tx, "update scoreboard_wig set status = $2 where wig_id = $1", Tuple.of(wigId, status));
    }

    /** A WIG or lead measure names a team: the team is known from then on, in the unit named, if none was yet. */
    private static Uni<Void> teamNamed(SqlConnection tx, UUID teamId, UUID unitId, OffsetDateTime time) {
        if (teamId == null) {
            return Uni.createFrom().voidItem();
        }
        return execute(tx, """
                insert into scoreboard_team (team_id, unit_id, since) values ($1, $2, $3)
                on conflict (team_id) do update set unit_id = excluded.unit_id
                where scoreboard_team.unit_id is null and excluded.unit_id is not null""",
                Tuple.tuple().addUUID(teamId).addUUID(unitId).addOffsetDateTime(time));
    }

    private static Uni<Void> execute(SqlConnection tx, String sql, Tuple arguments) {
        return tx.preparedQuery(sql).execute(arguments).replaceWithVoid();
    }
}
