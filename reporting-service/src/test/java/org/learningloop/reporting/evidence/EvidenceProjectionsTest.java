package org.learningloop.reporting.evidence;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignRetired;
import org.learningloop.contracts.activity.DesignRevised;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.contracts.activity.Workplace;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.LeadMeasureRetired;
import org.learningloop.contracts.goal.LeadReadingCorrected;
import org.learningloop.contracts.goal.LeadReadingRecorded;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.reporting.activities.ActivityFactsProjection;
import org.learningloop.reporting.projection.Projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code activity-facts} and {@code goal-facts} projections' {@code apply} against PostgreSQL, without the broker: a fresh schema from
 * {@code ddl()}, events applied in order, rows checked. Times come from the payloads, never from the envelope.
 */
@QuarkusTest
class EvidenceProjectionsTest {

    private static final Instant ARRIVED = Instant.parse("2030-01-01T00:00:00Z");

    @Inject
    Pool pool;
    @Inject
    ActivityFactsProjection activityFacts;
    @Inject
    GoalFactsProjection goalFacts;

    private final UUID team = UUID.randomUUID();
    private final UUID unit = UUID.randomUUID();

    @Test
    void activityFacts_oneRowPerActivity_carriedOutWinsOverThePlan_withWhatEvidenceAndExportRead() {
        UUID done = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID design = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        Instant scheduledAt = Instant.parse("2026-04-07T09:00:00Z");
        Instant carriedOutAt = Instant.parse("2026-04-07T10:00:00Z");
        List<Row> rows = applyAndSelect(activityFacts, List.of(
                        new DesignCreated(design, unit, team, "Lunch-room visit", "visit", lead, List.of("call-centre"),
                                "i", null, null, "h"),
                        new ActivityPlanned(done, team, unit, "visit", lead, design, 2, scheduledAt,
                                new Workplace("site", "call-centre", 40), List.of(), "prep", null),
                        new ActivityPlanned(cancelled, team, unit, "visit", lead, design, 2, scheduledAt,
                                new Workplace("site", "small-6-30", 10), List.of(), "prep", null),
                        new ActivityCarriedOut(done, team, unit, "visit", lead, design, 3, "call-centre-large",
                                carriedOutAt, 4, 2, IntentionReached.PARTLY, List.of(), Map.of("membersRecruited", 3)),
                        new ActivityEvaluated(done, team, unit, design, 2, "call-centre", null,
                                new QualityScores(5, 4, 3, 2, 1, 5), List.of()),
                        new ActivityCancelled(cancelled, team, unit, "closed"),
                        new DesignRevised(design, unit, team, 3, null, null, null, null, "sharper", null),
                        new DesignRevised(design, unit, team, 2, null, null, null, null, "late, older", null),
                        new DesignRetired(design, unit, team, "replaced", null)),
                "select a.activity_id, a.team_id, a.unit_id, a.activity_type, a.lead_measure_id, a.design_id, "
                        + "a.segment, a.design_version, a.scheduled_at, a.carried_out_at, a.intention_reached, "
                        + "a.presence, a.focus, a.outcomes::text as o, a.quality_intention, a.quality_focus, "
                        + "a.quality_flexibility, a.cancelled, a.at, a.employees, "
                        + "d.name as design_name, d.segments, d.version as current_version, d.retired "
                        + "from activity_fact a left join design_fact d using (design_id) order by cancelled");
        assertThat(rows).hasSize(2);
        Row row = rows.get(0);
        assertThat(row.getUUID("activity_id")).isEqualTo(done);
        assertThat(row.getUUID("team_id")).isEqualTo(team);
        assertThat(row.getUUID("unit_id")).isEqualTo(unit);
        assertThat(row.getString("activity_type")).isEqualTo("visit");
        assertThat(row.getUUID("lead_measure_id")).isEqualTo(lead);
        assertThat(row.getUUID("design_id")).isEqualTo(design);
        // what it was carried out with wins over the plan, and the evaluation does not undo it
        assertThat(row.getString("segment")).isEqualTo("call-centre-large");
        assertThat(row.getInteger("design_version")).isEqualTo(3);
        assertThat(row.getOffsetDateTime("scheduled_at").toInstant()).isEqualTo(scheduledAt);
        assertThat(row.getOffsetDateTime("carried_out_at").toInstant()).isEqualTo(carriedOutAt);
        assertThat(row.getOffsetDateTime("at").toInstant()).isEqualTo(carriedOutAt);
        assertThat(row.getString("intention_reached")).isEqualTo("partly");
        assertThat(row.getInteger("presence")).isEqualTo(4);
        assertThat(row.getInteger("focus")).isEqualTo(2);
        assertThat(row.getString("o")).isEqualTo("{\"membersRecruited\": 3}");
        assertThat(row.getInteger("quality_intention")).isEqualTo(5);
        assertThat(row.getInteger("quality_focus")).isEqualTo(1);
        assertThat(row.getInteger("quality_flexibility")).isEqualTo(5);
        assertThat(row.getBoolean("cancelled")).isFalse();
        assertThat(row.getInteger("employees")).isEqualTo(40); // the planned workplace's size: the exposure
        // the design catalogue: what the recommendations may name (its current version; retired ones never)
        assertThat(row.getString("design_name")).isEqualTo("Lunch-room visit");
        assertThat(row.getArrayOfStrings("segments")).containsExactly("call-centre");
        assertThat(row.getInteger("current_version")).isEqualTo(3);
        assertThat(row.getBoolean("retired")).isTrue();
        Row other = rows.get(1);
        assertThat(other.getUUID("activity_id")).isEqualTo(cancelled);
        assertThat(other.getBoolean("cancelled")).isTrue();
        assertThat(other.getString("segment")).isEqualTo("small-6-30");
        assertThat(other.getOffsetDateTime("carried_out_at")).isNull();
        assertThat(other.getOffsetDateTime("at").toInstant()).isEqualTo(scheduledAt);
        assertThat(other.getString("o")).isNull();
        assertThat(other.getInteger("quality_intention")).isNull();
    }

    @Test
    void activityFacts_anActivityWithoutPlanOrTimes_isAtItsFirstEvent() {
        UUID cancelled = UUID.randomUUID();
        List<Row> rows = applyAndSelect(activityFacts, List.of(new ActivityCancelled(cancelled, team, unit, "closed")),
                "select activity_id, team_id, cancelled, at from activity_fact");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.getUUID("team_id")).isEqualTo(team);
            assertThat(row.getBoolean("cancelled")).isTrue();
            assertThat(row.getOffsetDateTime("at").toInstant()).isEqualTo(ARRIVED);
        });
    }

    @Test
    void goalFacts_correctionsReplace_revisionsUpdate_leadMeasureLifecycle() {
        UUID wig = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        LagMeasure lag = new LagMeasure("net-new-members", "members", new BigDecimal("10.5"), new BigDecimal("30"),
                LocalDate.parse("2026-03-01"), LocalDate.parse("2026-12-31"), Cadence.MONTH);
        List<Row> rows = applyAndSelect(goalFacts, List.of(
                        new WigDefined(wig, team, unit, null, "Grow", lag),
                        new WigRevised(wig, team, unit, null, new BigDecimal("35"), null, "more"),
                        new LagReadingRecorded(wig, team, unit, "2026-03", new BigDecimal("11.25")),
                        new LagReadingRecorded(wig, team, unit, "2026-04", new BigDecimal("12")),
                        new LagReadingCorrected(wig, team, unit, "2026-03", new BigDecimal("11.5"), new BigDecimal("11.25")),
                        new LeadMeasureProposed(lead, wig, team, unit, "Visits", "visit", 4, "h", null),
                        new LeadMeasureActivated(lead, wig, team, unit, "visit", 5, null, null, null, null,
                                Instant.parse("2026-03-02T07:00:00Z")),
                        new LeadReadingRecorded(lead, team, unit, "2026-W14", 2),
                        new LeadReadingCorrected(lead, team, unit, "2026-W14", 3, 2),
                        new LeadMeasureRetired(lead, wig, team, unit, "done", null, null, null)),
                "select w.lag_from::text as lag_from, w.lag_to::text as lag_to, w.deadline, "
                        + "(select string_agg(period || '=' || value::text, ',' order by period) from lag_reading_fact) as lag, "
                        + "m.name, m.weekly_target, m.status, m.activity_type, m.active_from, m.active_until, "
                        + "(select string_agg(week || '=' || count, ',') from lead_reading_fact) as lead "
                        + "from wig_fact w, lead_measure_fact m");
        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.getString("lag_from")).isEqualTo("10.5");
        assertThat(row.getString("lag_to")).isEqualTo("35");
        assertThat(row.getLocalDate("deadline")).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(row.getString("lag")).isEqualTo("2026-03=11.5,2026-04=12");
        assertThat(row.getString("name")).isEqualTo("Visits");
        assertThat(row.getInteger("weekly_target")).isEqualTo(5);
        assertThat(row.getString("status")).isEqualTo("retired");
        // the active window the counting rule needs: the activation's activeFrom until the retirement's time
        assertThat(row.getOffsetDateTime("active_from").toInstant()).isEqualTo(Instant.parse("2026-03-02T07:00:00Z"));
        assertThat(row.getOffsetDateTime("active_until").toInstant()).isEqualTo(ARRIVED);
        assertThat(row.getString("lead")).isEqualTo("2026-W14=3");
    }

    /** Creates a fresh schema from the projection's DDL, applies the events in one transaction and selects. */
    private List<Row> applyAndSelect(Projection projection, List<LoopEvent> events, String select) {
        String schema = "test_" + projection.name().replace('-', '_') + "_" + UUID.randomUUID().toString().substring(0, 8);
        return pool.withTransaction(tx -> tx.query("create schema " + schema).execute()
                        .chain(() -> tx.query("set local search_path to " + schema).execute())
                        .chain(() -> Multi.createFrom().iterable(projection.ddl())
                                .onItem().transformToUniAndConcatenate(ddl -> tx.query(ddl).execute())
                                .collect().last())
                        .chain(() -> applyAll(tx, projection, events))
                        .chain(() -> tx.query(select).execute())
                        .map(result -> {
                            List<Row> rows = new ArrayList<>();
                            result.forEach(rows::add);
                            return rows;
                        }))
                .await().indefinitely();
    }

    private static io.smallrye.mutiny.Uni<Void> applyAll(SqlConnection tx, Projection projection, List<LoopEvent> events) {
        io.smallrye.mutiny.Uni<Void> chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
        long version = 0;
        for (LoopEvent event : events) {
            IncomingEvent incoming = new IncomingEvent(UUID.randomUUID(), "/test", "test", null, ARRIVED, "s",
                    ++version, null, null, event);
            chain = chain.chain(() -> projection.apply(tx, incoming));
        }
        return chain;
    }
}
