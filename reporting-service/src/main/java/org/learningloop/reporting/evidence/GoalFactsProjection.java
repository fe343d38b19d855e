package org.learningloop.reporting.evidence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.goal.GoalEvents;
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
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.readmodel.Rows;
import org.learningloop.reporting.projection.BatchProjection;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code goal-facts} projection of {@code loop.goals}: units and teams, WIGs (organisation, unit and team,
 * with parent and lag measure), lag readings by period (a correction replaces the value), lead measures (WIG,
 * activity type, weekly target, status, active from the activation's {@code activeFrom} until the retirement's time)
 * and their manual weekly readings by ISO week (a correction replaces the
 * count). Numbers are kept exact ({@code numeric}, bound as text). Each event writes one statement of its own; a batch's
 * are sent at once, in order ({@link BatchProjection#inOrder}).
 */
@ApplicationScoped
public class GoalFactsProjection implements BatchProjection {

    public static final String NAME = "goal-facts";
    /** Version 2: each lead measure's active window ({@code active_from}, {@code active_until}), which counting needs. */
    public static final int VERSION = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return VERSION;
    }

    /** Only {@code loop.goals}' events: the activities' and the learning's are passed over undecoded. */
    @Override
    public EventCatalog reads() {
        return GoalEvents.CATALOG;
    }

    @Override
    public List<String> upgrade(int from) {
        // a version-1 generation takes the columns (null in its older rows) until its rebuild replaces it
        return List.of("alter table lead_measure_fact add column if not exists active_from timestamptz",
                "alter table lead_measure_fact add column if not exists active_until timestamptz");
    }

    @Override
    public List<String> ddl() {
        return List.of(
                "create table unit_fact (unit_id uuid primary key, name text)",
                "create table team_fact (team_id uuid primary key, unit_id uuid, name text)",
                "create index team_fact_unit on team_fact (unit_id)",
                """
                create table wig_fact (
                    wig_id uuid primary key, team_id uuid, unit_id uuid, parent_wig_id uuid, title text,
                    metric text, measure_unit text, lag_from numeric, lag_to numeric, start_date date, deadline date,
                    cadence text, state text not null)""",
                "create index wig_fact_parent on wig_fact (parent_wig_id)",
                "create table lag_reading_fact (wig_id uuid not null, period text not null, value numeric not null, "
                        + "primary key (wig_id, period))",
                """
                create table lead_measure_fact (
                    lead_measure_id uuid primary key, wig_id uuid, team_id uuid, unit_id uuid, name text,
                    activity_type text, weekly_target int, status text not null, active_from timestamptz,
                    active_until timestamptz)""",
                "create table lead_reading_fact (lead_measure_id uuid not null, week text not null, count int not null, "
                        + "primary key (lead_measure_id, week))");
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        return applyAll(tx, List.of(incoming));
    }

    /** Each event's statement, in the batch's order, sent at once. */
    @Override
    public Writes prepare(List<IncomingEvent> events) {
        List<Statement> statements = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            Statement statement = statement(event);
            if (statement != null) {
                statements.add(statement);
            }
        }
        return BatchProjection.inOrder(statements);
    }

    /** What one event writes: one statement, or {@code null} for an event that changes none of the facts. */
    private static Statement statement(IncomingEvent incoming) {
        Object event = incoming.event();
        if (event instanceof UnitCreated unit) {
            return new Statement("insert into unit_fact (unit_id, name) values ($1, $2) "
                    + "on conflict (unit_id) do update set name = excluded.name", Tuple.of(unit.unitId(), unit.name()));
        }
        if (event instanceof TeamCreated team) {
            return new Statement("insert into team_fact (team_id, unit_id, name) values ($1, $2, $3) "
                            + "on conflict (team_id) do update set unit_id = excluded.unit_id, name = excluded.name",
                    Tuple.of(team.teamId(), team.unitId(), team.name()));
        }
        if (event instanceof WigDefined wig) {
            LagMeasure lag = wig.lagMeasure();
            return new Statement("""
                            insert into wig_fact (wig_id, team_id, unit_id, parent_wig_id, title, metric, measure_unit, lag_from,
                                                  lag_to, start_date, deadline, cadence, state)
                            values ($1, $2, $3, $4, $5, $6, $7, $8::text::numeric, $9::text::numeric, $10, $11, $12, 'active')
                            on conflict (wig_id) do nothing""",
                    Tuple.tuple().addUUID(wig.wigId()).addUUID(wig.teamId()).addUUID(wig.unitId())
                            .addUUID(wig.parentWigId()).addString(wig.title())
                            .addString(lag == null ? null : lag.metric()).addString(lag == null ? null : lag.unit())
                            .addString(lag == null ? null : text(lag.from())).addString(lag == null ? null : text(lag.to()))
                            .addLocalDate(lag == null ? null : lag.startDate())
                            .addLocalDate(lag == null ? null : lag.deadline())
                            .addString(lag == null || lag.cadence() == null ? null : lag.cadence().name().toLowerCase()));
        }
        if (event instanceof WigRevised revised) {
            return new Statement("""
                            update wig_fact set title = coalesce($2, title), lag_to = coalesce($3::text::numeric, lag_to),
                                                deadline = coalesce($4, deadline)
                            where wig_id = $1""",
                    Tuple.tuple().addUUID(revised.wigId()).addString(revised.title()).addString(text(revised.to()))
                            .addLocalDate(revised.deadline()));
        }
        if (event instanceof WigAchieved achieved) {
            return new Statement("update wig_fact set state = 'achieved' where wig_id = $1", Tuple.of(achieved.wigId()));
        }
        if (event instanceof WigAbandoned abandoned) {
            return new Statement("update wig_fact set state = 'abandoned' where wig_id = $1", Tuple.of(abandoned.wigId()));
        }
        if (event instanceof LagReadingRecorded reading) {
            return lagReading(reading.wigId(), reading.period(), reading.value());
        }
        if (event instanceof LagReadingCorrected corrected) {
            return lagReading(corrected.wigId(), corrected.period(), corrected.value());
        }
        if (event instanceof LeadMeasureProposed proposed) {
            return new Statement("""
                            insert into lead_measure_fact (lead_measure_id, wig_id, team_id, unit_id, name, activity_type,
                                                           weekly_target, status)
                            values ($1, $2, $3, $4, $5, $6, $7, 'proposed')
                            on conflict (lead_measure_id) do update set name = excluded.name""",
                    Tuple.tuple().addUUID(proposed.leadMeasureId()).addUUID(proposed.wigId())
                            .addUUID(proposed.teamId()).addUUID(proposed.unitId()).addString(proposed.name())
                            .addString(proposed.activityType()).addInteger(proposed.weeklyTarget()));
        }
        if (event instanceof LeadMeasureActivated activated) {
            return new Statement("""
                            insert into lead_measure_fact (lead_measure_id, wig_id, team_id, unit_id, activity_type,
                                                           weekly_target, status, active_from)
                            values ($1, $2, $3, $4, $5, $6, 'active', $7)
                            on conflict (lead_measure_id) do update set status = 'active',
                                activity_type = excluded.activity_type, weekly_target = excluded.weekly_target,
                                wig_id = excluded.wig_id,
                                active_from = coalesce(lead_measure_fact.active_from, excluded.active_from)""",
                    Tuple.tuple().addUUID(activated.leadMeasureId()).addUUID(activated.wigId())
                            .addUUID(activated.teamId()).addUUID(activated.unitId())
                            .addString(activated.activityType()).addInteger(activated.weeklyTarget())
                            .addOffsetDateTime(Rows.utc(activated.activeFrom())));
        }
        if (event instanceof LeadMeasureRetired retired) {
            return new Statement("update lead_measure_fact set status = 'retired', active_until = $2 where lead_measure_id = $1",
                    Tuple.tuple().addUUID(retired.leadMeasureId()).addOffsetDateTime(Rows.utc(incoming.time())));
        }
        if (event instanceof LeadReadingRecorded reading) {
            return leadReading(reading.leadMeasureId(), reading.week(), reading.count());
        }
        if (event instanceof LeadReadingCorrected corrected) {
            return leadReading(corrected.leadMeasureId(), corrected.week(), corrected.count());
        }
        return null;
    }

    private static Statement lagReading(UUID wigId, String period, BigDecimal value) {
        return new Statement("insert into lag_reading_fact (wig_id, period, value) values ($1, $2, $3::text::numeric) "
                        + "on conflict (wig_id, period) do update set value = excluded.value",
                Tuple.of(wigId, period, text(value)));
    }

    private static Statement leadReading(UUID leadMeasureId, String week, int count) {
        return new Statement("insert into lead_reading_fact (lead_measure_id, week, count) values ($1, $2, $3) "
                        + "on conflict (lead_measure_id, week) do update set count = excluded.count",
                Tuple.of(leadMeasureId, week, count));
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
