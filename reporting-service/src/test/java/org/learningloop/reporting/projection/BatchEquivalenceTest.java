package org.learningloop.reporting.projection;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignRetired;
import org.learningloop.contracts.activity.DesignRevised;
import org.learningloop.contracts.activity.Frames;
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
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.UnitCreated;
import org.learningloop.contracts.goal.WigAbandoned;
import org.learningloop.contracts.goal.WigAchieved;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.reporting.ReportingBeans;
import org.learningloop.reporting.activities.ActivityFactsProjection;
import org.learningloop.reporting.evidence.GoalFactsProjection;
import org.learningloop.reporting.history.TeamHistoryProjection;

import java.time.Duration;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@link BatchProjection} applies a batch at once exactly as its {@code apply} applies each event in turn: the same
 * events, after the same earlier batch, leave the same rows in two fresh schemas of the projection's tables, one
 * written by {@code applyAll}, the other one event at a time. The batch holds what makes batching hard: several
 * events of one activity (planned, carried out, evaluated twice, cancelled; an evaluation arriving before its plan), one
 * delivered twice, a design created, revised and retired, a lead measure proposed and activated in the same batch
 * and one whose proposal came in the batch before, unit-wide events (no team), and events the projection has nothing
 * to do with. {@code apply} is {@code applyAll} of one event, so this holds the grouping into statements; the values
 * a row gets are held by the projections' own tests ({@code EvidenceProjectionsTest}, {@code TeamHistoryTest}).
 */
@QuarkusTest
class BatchEquivalenceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

    @Inject
    Pool pool;

    @Inject
    ActivityFactsProjection activityFacts;

    @Inject
    TeamHistoryProjection teamHistory;

    @Inject
    GoalFactsProjection goalFacts;

    private final UUID team = UUID.randomUUID();
    private final UUID unit = UUID.randomUUID();

    @Test
    void activityFacts_aBatchAtOnce_isTheBatchOneEventAtATime() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        UUID fourth = UUID.randomUUID();
        UUID fifth = UUID.randomUUID();
        UUID design = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        ActivityCarriedOut secondDone = new ActivityCarriedOut(second, team, unit, "workplace-visit", lead, design, 2,
                "retail", T.plusSeconds(7200), 6, 4, IntentionReached.YES, List.of(), Map.of("membersRecruited", 2));
        IncomingEvent twice = event(secondDone, 2);
        List<IncomingEvent> before = List.of(event(new ActivityPlanned(first, team, unit, "workplace-visit", lead,
                design, 1, T.plusSeconds(3600), new Workplace("ref-1", "call-centre", 40), List.of(), null, null), 1),
                event(new ActivityCancelled(fourth, team, unit, "double booked"), 1)); // a row with an empty plan
        List<IncomingEvent> batch = List.of(
                event(new DesignCreated(design, unit, null, "Lunch-room visit", "workplace-visit", null,
                        List.of("call-centre", "retail"), "Members see the value",
                        new Frames(30, "lunch room", List.of(), List.of()), new Content(List.of("greet"), List.of()),
                        "Short visits work"), 1),
                event(new ActivityEvaluated(second, team, unit, design, 2, "retail", null,
                        new QualityScores(4, 3, 4, 5, 4, 3), List.of()), 3),
                event(new ActivityCarriedOut(first, team, unit, "workplace-visit", lead, design, 2, "retail",
                        T.plusSeconds(5400), 4, 5, IntentionReached.PARTLY, List.of(),
                        Map.of("membersRecruited", 3)), 2),
                event(new TeamCreated(team, unit, "Region X"), 1),
                event(new DesignRevised(design, unit, null, 2, "Intention", null, null, null, "Quieter", null), 2),
                event(new ActivityPlanned(second, team, unit, "workplace-visit", lead, design, 1, T.plusSeconds(600),
                        new Workplace("ref-2", "retail", 12), List.of(), null, null), 1),
                twice,
                event(new ActivityEvaluated(first, team, unit, design, 2, "retail", null,
                        new QualityScores(2, 2, 3, 3, 4, 4), List.of()), 3),
                twice,
                event(new ActivityEvaluated(first, team, unit, design, 2, "retail", null,
                        new QualityScores(5, 5, 5, 5, 5, 5), List.of()), 4), // evaluated again: the later scores win
                event(new ActivityCancelled(first, team, unit, "rain"), 5),
                // evaluated before its plan, never carried out: the first to fill a column keeps it
                event(new ActivityEvaluated(third, team, unit, design, 2, "retail", null,
                        new QualityScores(3, 3, 3, 3, 3, 3), List.of()), 2),
                event(new ActivityPlanned(third, team, unit, "workplace-visit", lead, design, 1, T.plusSeconds(900),
                        new Workplace("ref-3", "call-centre", 25), List.of(), null, null), 1),
                // a row with an empty plan: filled, then overridden twice (the later override wins); still cancelled
                event(new ActivityEvaluated(fourth, team, unit, design, 2, "retail", null,
                        new QualityScores(1, 2, 3, 4, 5, 1), List.of()), 2),
                event(new ActivityCarriedOut(fourth, team, unit, "workplace-visit", lead, design, 3, "office",
                        T.plusSeconds(9000), 3, 3, IntentionReached.NO, List.of(), Map.of("membersRecruited", 0)), 3),
                event(new ActivityCarriedOut(fourth, team, unit, "phone-call", null, design, 4, "factory",
                        T.plusSeconds(9600), 5, 2, IntentionReached.YES, List.of(), Map.of("membersRecruited", 1)), 4),
                // neither scheduled nor carried out: its time is its first event's; cancelled, then evaluated
                event(new ActivityCancelled(fifth, team, unit, "closed"), 1),
                event(new ActivityEvaluated(fifth, team, unit, design, 1, "retail", null,
                        new QualityScores(2, 2, 2, 2, 2, 2), List.of()), 2),
                event(new DesignRetired(design, unit, null, "Replaced", null), 3));

        assertSameRows(activityFacts, before, batch, List.of("activity_fact", "design_fact"));
    }

    /**
     * A value the fold drops never reaches PostgreSQL, so text PostgreSQL cannot store (a NUL) is refused before the
     * fold: the event is poison whichever batch it lands in.
     */
    @Test
    void activityFacts_textPostgreSQLCannotStore_isRefusedEvenWhenTheFoldWouldDropIt() {
        UUID activity = UUID.randomUUID();
        UUID design = UUID.randomUUID();
        List<IncomingEvent> batch = List.of(
                event(new ActivityPlanned(activity, team, unit, "workplace-visit", null, design, 1, T,
                        new Workplace("ref-1", "retail", 10), List.of(), null, null), 1),
                event(new ActivityEvaluated(activity, team, unit, design, 1, "re\u0000tail", null,
                        new QualityScores(3, 3, 3, 3, 3, 3), List.of()), 2)); // its segment only fills: dropped

        assertThatThrownBy(() -> activityFacts.prepare(batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void teamHistory_aBatchAtOnce_isTheBatchOneEventAtATime() {
        UUID wig = UUID.randomUUID();
        UUID earlier = UUID.randomUUID();
        UUID now = UUID.randomUUID();
        IncomingEvent twice = event(new TeamCreated(team, unit, "Region X"), 1);
        List<IncomingEvent> before = List.of(event(new LeadMeasureProposed(earlier, wig, team, unit, "Phone calls",
                "phone-call", 10, null, null), 1));
        List<IncomingEvent> batch = List.of(
                twice,
                event(new LeadMeasureActivated(now, wig, team, unit, "workplace-visit", 5, null, null, null, null,
                        T), 2), // before its proposal in the batch: no name yet, as one at a time
                event(new LeadMeasureProposed(now, wig, team, unit, "Workplace visits", "workplace-visit", 5, null,
                        null), 1),
                event(new LeadMeasureActivated(now, wig, team, unit, "workplace-visit", 5, null, null, null, null,
                        T), 3),
                event(new LeadMeasureActivated(earlier, wig, team, unit, "phone-call", 10, null, null, null, null,
                        T), 2),
                twice,
                event(new DesignCreated(UUID.randomUUID(), unit, null, "Unit-wide visit", "workplace-visit", null,
                        List.of("retail"), "Members see the value", null, null, null), 1), // no team
                event(new LeadMeasureProposed(earlier, wig, team, unit, "Phone calls again", "phone-call", 10, null,
                        null), 3), // proposed again, after its activation
                event(new TeamCreated(UUID.randomUUID(), unit, "Region Y"), 1));

        assertSameRows(teamHistory, before, batch, List.of("team_history_entry", "team_unit"));
    }

    /**
     * Goal facts send a statement per event, all at once: what an event writes over an earlier one's in the same batch
     * (a correction over its reading, a revision and an achievement over the WIG, an activation before and after its
     * proposal, a retirement) ends as one at a time only if PostgreSQL runs them in the batch's order.
     */
    @Test
    void goalFacts_aBatchAtOnce_isTheBatchOneEventAtATime() {
        UUID wig = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID earlier = UUID.randomUUID();
        UUID now = UUID.randomUUID();
        LagMeasure lag = new LagMeasure("members", "people", BigDecimal.ZERO, new BigDecimal("40"),
                LocalDate.parse("2026-09-01"), LocalDate.parse("2027-06-30"), Cadence.MONTH);
        List<IncomingEvent> before = List.of(
                event(new WigDefined(wig, team, unit, null, "Grow the club", lag), 1),
                event(new LeadMeasureProposed(earlier, wig, team, unit, "Phone calls", "phone-call", 10, null, null),
                        1));
        List<IncomingEvent> batch = List.of(
                event(new UnitCreated(unit, "Region", null), 1),
                event(new TeamCreated(team, unit, "Region X"), 1),
                event(new LagReadingRecorded(wig, team, unit, "2026-10", new BigDecimal("10")), 2),
                event(new LagReadingCorrected(wig, team, unit, "2026-10", new BigDecimal("12.5"),
                        new BigDecimal("10")), 3),
                event(new WigRevised(wig, team, unit, "Grow the club faster", new BigDecimal("50"), null, "ahead"), 4),
                event(new WigAchieved(wig, team, unit), 5),
                event(new LeadMeasureActivated(now, wig, team, unit, "workplace-visit", 5, null, null, null, null,
                        T), 2), // before its proposal in the batch
                event(new LeadMeasureProposed(now, wig, team, unit, "Workplace visits", "workplace-visit", 5, null,
                        null), 1),
                event(new LeadMeasureActivated(earlier, wig, team, unit, "phone-call", 10, null, null, null, null,
                        T), 2),
                event(new LeadReadingRecorded(earlier, team, unit, "2026-W45", 3), 3),
                event(new LeadReadingCorrected(earlier, team, unit, "2026-W45", 4, 3), 4),
                event(new LeadMeasureRetired(earlier, wig, team, unit, "Replaced", now, null, null), 5),
                event(new DesignCreated(UUID.randomUUID(), unit, null, "Unit-wide visit", "workplace-visit", null,
                        List.of("retail"), "Members see the value", null, null, null), 1), // not a goal fact
                event(new WigDefined(other, team, unit, wig, "A part of it", null), 1),
                event(new WigAbandoned(other, team, unit, "Merged into its parent"), 2));

        assertSameRows(goalFacts, before, batch, List.of("unit_fact", "team_fact", "wig_fact", "lag_reading_fact",
                "lead_measure_fact", "lead_reading_fact"));
    }

    /** Applies {@code before}, then {@code batch} at once in one schema and one event at a time in another. */
    private void assertSameRows(BatchProjection projection, List<IncomingEvent> before, List<IncomingEvent> batch,
                                List<String> tables) {
        String atOnce = schema(projection);
        String inTurn = schema(projection);
        try {
            for (String schema : List.of(atOnce, inTurn)) {
                inSchema(schema, (tx, unused) -> projection.applyAll(tx, before));
            }
            inSchema(atOnce, (tx, unused) -> projection.applyAll(tx, batch));
            inSchema(inTurn, (tx, unused) -> {
                Uni<Void> applied = Uni.createFrom().voidItem();
                for (IncomingEvent event : batch) {
                    applied = applied.chain(() -> projection.apply(tx, event));
                }
                return applied;
            });
            for (String table : tables) {
                List<String> rows = rows(inTurn, table);
                assertThat(rows).as(table).isNotEmpty();
                assertThat(rows(atOnce, table)).as(table).isEqualTo(rows);
            }
        } finally {
            for (String schema : List.of(atOnce, inTurn)) {
                pool.query("drop schema " + schema + " cascade").execute().await().atMost(PATIENCE);
            }
        }
    }

    /** A fresh schema holding the projection's empty tables. */
    private String schema(Projection projection) {
        String schema = "batch_test_" + UUID.randomUUID().toString().replace("-", "");
        pool.withTransaction(tx -> Schemas.create(tx, schema, projection)).await().atMost(PATIENCE);
        return schema;
    }

    private void inSchema(String schema, BiFunction<SqlConnection, Void, Uni<Void>> work) {
        pool.withTransaction(tx -> tx.query("set local search_path to " + schema + ", public").execute()
                .chain(() -> work.apply(tx, null))).await().atMost(PATIENCE);
    }

    private List<String> rows(String schema, String table) {
        List<String> rows = new ArrayList<>();
        pool.query("select to_jsonb(t)::text as row from " + schema + "." + table + " t order by 1").execute()
                .await().atMost(PATIENCE).forEach(row -> rows.add(row.getString("row")));
        return rows;
    }

    private IncomingEvent event(LoopEvent event, long version) {
        String type = ReportingBeans.CATALOG.typeOf(event).ceType();
        return new IncomingEvent(UUID.randomUUID(), "test", type, "team/" + team, T.plusSeconds(60 * version), "s-"
                + type, version, null, null, event);
    }
}
