package org.learningloop.reporting.evidence;

import org.learningloop.contracts.Periods;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.EventJson;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.platform.readmodel.Rows;
import org.learningloop.reporting.activities.ActivityFactsProjection;
import org.learningloop.reporting.projection.ProjectionReads;
import org.learningloop.rules.LeadMeasureCounting;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** Reads of the {@code activity-facts} and {@code goal-facts} projections as plain records. */
@ApplicationScoped
public class EvidenceReads {

    private static final TypeReference<Map<String, Integer>> OUTCOMES = new TypeReference<>() {
    };
    private static final String ACTIVITY_COLUMNS = "activity_id, team_id, unit_id, activity_type, lead_measure_id, "
            + "design_id, design_version, segment, carried_out_at, intention_reached, outcomes::text as outcomes, "
            + "quality_intention, quality_frames, quality_content, quality_presence, quality_focus, quality_flexibility, "
            + "employees";

    private final ProjectionReads reads;

    public EvidenceReads(ProjectionReads reads) {
        this.reads = reads;
    }

    /** How long a report waits for the writes its client asked to see ({@code after=}) before answering 503. */
    public static final java.time.Duration READ_YOUR_WRITE_WAIT = java.time.Duration.ofSeconds(2);

    /** Completes once both evidence projections have applied {@code after} (ADR 23), else 503 after the wait. */
    public Uni<Void> caughtUp(List<org.learningloop.platform.http.StreamPosition> after) {
        return reads.caughtUp(List.of(ActivityFactsProjection.NAME, GoalFactsProjection.NAME), after,
                READ_YOUR_WRITE_WAIT);
    }

    /** Carried-out, not cancelled activities matching the filters ({@code null} = any). */
    public Uni<List<ActivityFact>> activities(String segment, String activityType, UUID unitId) {
        return reads.read(ActivityFactsProjection.NAME, c -> c.preparedQuery("select " + ACTIVITY_COLUMNS
                        + " from activity_fact where carried_out_at is not null and not cancelled"
                        + " and ($1::text is null or segment = $1) and ($2::text is null or activity_type = $2)"
                        + " and ($3::uuid is null or unit_id = $3) order by carried_out_at, activity_id")
                .execute(Tuple.tuple().addString(segment).addString(activityType).addUUID(unitId))
                .map(EvidenceReads::activities));
    }

    /**
     * The carried-out, not cancelled activities counted toward each of the given lead measures, by the one counting
     * rule ({@link LeadMeasureCounting}), in the order carried out. {@code measures} must hold every lead measure of
     * those teams and types (of every status), as the rule weighs them all.
     */
    public Uni<Map<UUID, List<ActivityFact>>> activitiesOf(List<GoalFacts.LeadMeasure> measures) {
        UUID[] teams = measures.stream().map(GoalFacts.LeadMeasure::teamId).filter(java.util.Objects::nonNull)
                .distinct().toArray(UUID[]::new);
        String[] types = measures.stream().map(GoalFacts.LeadMeasure::activityType).filter(java.util.Objects::nonNull)
                .distinct().toArray(String[]::new);
        return reads.read(ActivityFactsProjection.NAME, c -> c.preparedQuery("select " + ACTIVITY_COLUMNS
                        + " from activity_fact where carried_out_at is not null and not cancelled"
                        + " and team_id = any($1) and activity_type = any($2) order by carried_out_at, activity_id")
                .execute(Tuple.of(teams, types))
                .map(rows -> countedToward(activities(rows), measures)));
    }

    /** The activities under each lead measure they count toward ({@link LeadMeasureCounting}). */
    public static Map<UUID, List<ActivityFact>> countedToward(List<ActivityFact> activities,
                                                              List<GoalFacts.LeadMeasure> measures) {
        return LeadMeasureCounting.byLeadMeasure(activities, ActivityFact::counted,
                measures.stream().map(GoalFacts.LeadMeasure::counted).toList());
    }

    /** Every lead measure of the team and activity type (of every status), as counting toward one of them needs. */
    public Uni<List<GoalFacts.LeadMeasure>> leadMeasuresOfTeamAndType(UUID teamId, String activityType) {
        return reads.read(GoalFactsProjection.NAME, GoalFactsProjection.VERSION, c -> c.preparedQuery(
                        "select * from lead_measure_fact where team_id = $1 and activity_type = $2 order by lead_measure_id")
                .execute(Tuple.of(teamId, activityType))
                .map(rows -> {
                    List<GoalFacts.LeadMeasure> measures = new ArrayList<>();
                    rows.forEach(row -> measures.add(leadMeasure(row)));
                    return measures;
                }));
    }

    /** The design catalogue: every design known to activity-service, with its current version and status. */
    public Uni<Map<UUID, Design>> designs() {
        return reads.read(ActivityFactsProjection.NAME, ActivityFactsProjection.VERSION, c -> c.query(
                        "select design_id, name, activity_type, segments, version, retired from design_fact").execute()
                .map(rows -> {
                    Map<UUID, Design> designs = new HashMap<>();
                    rows.forEach(row -> designs.put(row.getUUID("design_id"), new Design(row.getUUID("design_id"),
                            row.getString("name"), row.getString("activity_type"),
                            row.getArrayOfStrings("segments") == null ? List.of()
                                    : List.of(row.getArrayOfStrings("segments")),
                            row.getInteger("version"), row.getBoolean("retired"))));
                    return designs;
                }));
    }

    /** Whether the lead measure is known (proposed or activated). */
    public Uni<Optional<GoalFacts.LeadMeasure>> leadMeasure(UUID leadMeasureId) {
        return reads.read(GoalFactsProjection.NAME, GoalFactsProjection.VERSION, c -> c.preparedQuery(
                        "select * from lead_measure_fact where lead_measure_id = $1").execute(Tuple.of(leadMeasureId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(leadMeasure(rows.iterator().next()))
                        : Optional.empty()));
    }

    /** Lead measures of the activity type with their WIG, lag readings and manual readings (activities not yet). */
    public Uni<List<GoalFacts.LeadMeasureEvidence>> leadMeasuresOfType(String activityType) {
        return reads.read(GoalFactsProjection.NAME, GoalFactsProjection.VERSION, c -> c.preparedQuery(
                        "select * from lead_measure_fact where activity_type = $1 order by lead_measure_id")
                .execute(Tuple.of(activityType))
                .chain(rows -> {
                    List<GoalFacts.LeadMeasure> measures = new ArrayList<>();
                    rows.forEach(row -> measures.add(leadMeasure(row)));
                    return evidenceOf(c, measures);
                }));
    }

    private static Uni<List<GoalFacts.LeadMeasureEvidence>> evidenceOf(SqlConnection c,
                                                                       List<GoalFacts.LeadMeasure> measures) {
        UUID[] wigIds = measures.stream().map(GoalFacts.LeadMeasure::wigId).filter(java.util.Objects::nonNull)
                .distinct().toArray(UUID[]::new);
        UUID[] ids = measures.stream().map(GoalFacts.LeadMeasure::leadMeasureId).toArray(UUID[]::new);
        return wigs(c, "wig_id = any($1)", Tuple.of(wigIds)).chain(wigs -> lagReadings(c, wigIds)
                .chain(lag -> c.preparedQuery("select lead_measure_id, week, count from lead_reading_fact "
                                + "where lead_measure_id = any($1)").execute(Tuple.of(ids))
                        .map(readingRows -> {
                            Map<UUID, Map<String, Integer>> manual = new HashMap<>();
                            readingRows.forEach(row -> {
                                String week = row.getString("week");
                                if (Periods.isPeriod(week) && week.contains("W")) { // goal-service validates; be safe
                                    manual.computeIfAbsent(row.getUUID("lead_measure_id"), k -> new TreeMap<>())
                                            .put(week, row.getInteger("count"));
                                }
                            });
                            Map<UUID, GoalFacts.Wig> wigById = new HashMap<>();
                            wigs.forEach(w -> wigById.put(w.wigId(), w));
                            return measures.stream().map(m -> new GoalFacts.LeadMeasureEvidence(m,
                                    wigById.get(m.wigId()),
                                    lag.getOrDefault(m.wigId(), new TreeMap<>()),
                                    manual.getOrDefault(m.leadMeasureId(), Map.of()), List.of())).toList();
                        })));
    }

    public static Uni<List<GoalFacts.Wig>> wigs(SqlConnection c, String where, Tuple params) {
        return c.preparedQuery("select wig_id, team_id, unit_id, parent_wig_id, title, metric, measure_unit, "
                        + "lag_from::text as lag_from, lag_to::text as lag_to, start_date, deadline, cadence, state "
                        + "from wig_fact where " + where + " order by title, wig_id").execute(params)
                .map(rows -> {
                    List<GoalFacts.Wig> wigs = new ArrayList<>();
                    rows.forEach(row -> wigs.add(new GoalFacts.Wig(row.getUUID("wig_id"), row.getUUID("team_id"),
                            row.getUUID("unit_id"), row.getUUID("parent_wig_id"), row.getString("title"),
                            row.getString("metric"), row.getString("measure_unit"), decimal(row, "lag_from"),
                            decimal(row, "lag_to"), row.getLocalDate("start_date"), row.getLocalDate("deadline"),
                            row.getString("cadence"), row.getString("state"))));
                    return wigs;
                });
    }

    public static Uni<Map<UUID, SortedMap<String, BigDecimal>>> lagReadings(SqlConnection c, UUID[] wigIds) {
        return c.preparedQuery("select wig_id, period, value::text as value from lag_reading_fact where wig_id = any($1)")
                .execute(Tuple.of(wigIds))
                .map(rows -> {
                    Map<UUID, SortedMap<String, BigDecimal>> readings = new HashMap<>();
                    rows.forEach(row -> readings.computeIfAbsent(row.getUUID("wig_id"), k -> new TreeMap<>())
                            .put(row.getString("period"), new BigDecimal(row.getString("value"))));
                    return readings;
                });
    }

    public static GoalFacts.LeadMeasure leadMeasure(Row row) {
        return new GoalFacts.LeadMeasure(row.getUUID("lead_measure_id"), row.getUUID("wig_id"), row.getUUID("team_id"),
                row.getUUID("unit_id"), row.getString("name"), row.getString("activity_type"),
                row.getInteger("weekly_target"), row.getString("status"), Rows.instant(row, "active_from"),
                Rows.instant(row, "active_until"));
    }

    private static BigDecimal decimal(Row row, String column) {
        String value = row.getString(column);
        return value == null ? null : new BigDecimal(value);
    }

    private static List<ActivityFact> activities(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<ActivityFact> facts = new ArrayList<>();
        rows.forEach(row -> facts.add(activity(row)));
        return facts;
    }

    private static ActivityFact activity(Row row) {
        OffsetDateTime at = row.getOffsetDateTime("carried_out_at");
        Integer intention = row.getInteger("quality_intention");
        QualityScores quality = intention == null ? null : new QualityScores(intention,
                row.getInteger("quality_frames"), row.getInteger("quality_content"),
                row.getInteger("quality_presence"), row.getInteger("quality_focus"),
                row.getInteger("quality_flexibility"));
        Map<String, Integer> outcomes;
        try {
            String json = row.getString("outcomes");
            outcomes = json == null ? Map.of() : new LinkedHashMap<>(EventJson.MAPPER.readValue(json, OUTCOMES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outcomes of " + row.getUUID("activity_id") + " are not a count map", e);
        }
        return new ActivityFact(row.getUUID("activity_id"), row.getUUID("team_id"), row.getUUID("unit_id"),
                row.getString("activity_type"), row.getUUID("lead_measure_id"), row.getUUID("design_id"),
                row.getInteger("design_version"), row.getString("segment"), at == null ? null : at.toInstant(),
                row.getString("intention_reached"), outcomes, quality, row.getInteger("employees"));
    }
}
