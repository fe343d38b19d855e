package org.learningloop.learning.loop;

import org.learningloop.contracts.Periods;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.EventJson;
import org.learningloop.contracts.activity.Adaptation;
import org.learningloop.contracts.activity.ImprovementProposal;
import org.learningloop.learning.apt.WorkplaceMeetingApi.LearningSummary;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.platform.readmodel.Rows;
import org.learningloop.rules.LeadMeasureCounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Queries over the goals, activity and learning read models, shared by the APT digest, the scoreboard and the loops. */
@ApplicationScoped
public class LoopReads {

    private final LoopConfig config;

    public LoopReads(LoopConfig config) {
        this.config = config;
    }

    /** One activity as the activity read model holds it. */
    public record Fact(UUID activityId, UUID teamId, UUID unitId, String activityType, UUID leadMeasureId, UUID designId,
                       Integer designVersion, String segment, Instant carriedOutAt, String month, String week,
                       String intentionReached, Map<String, Integer> outcomes, List<Adaptation> adaptations,
                       Map<String, Integer> quality, List<ImprovementProposal> improvementProposals) {
    }

    public record FeedbackRow(UUID activityId, String category, String element, String text) {
    }

    /** A lead measure; active from {@code activeFrom} (null while proposed) until {@code activeUntil} (its retirement). */
    public record LeadMeasure(UUID leadMeasureId, UUID wigId, UUID teamId, String name, String activityType,
                              int weeklyTarget, String status, Instant activeFrom, Instant activeUntil) {

        LeadMeasureCounting.LeadMeasure counted() {
            return new LeadMeasureCounting.LeadMeasure(leadMeasureId, teamId, activityType, activeFrom, activeUntil);
        }
    }

    public record Wig(UUID wigId, UUID teamId, String title, String metric, BigDecimal from, BigDecimal to,
                      LocalDate startDate, LocalDate deadline, String cadence, String status) {
    }

    public record LagRow(UUID wigId, String period, BigDecimal value) {
    }

    /**
     * A learning with when it was recorded and the ISO week of the first WIG meeting that reported it
     * ({@code null} while none has).
     */
    public record Learning(LearningSummary summary, Instant recordedAt, String reportedWeek) {

        /** The month the learning belongs to: that of the week it was first reported in, else of when it was recorded. */
        public String month(ZoneId zone) {
            return reportedWeek != null ? Periods.monthOfWeek(reportedWeek) : Periods.month(recordedAt, zone);
        }
    }

    static final List<String> DIMENSIONS = List.of("intention", "frames", "content", "presence", "focus", "flexibility");

    /**
     * The unit's teams: those the team directory puts in the unit, and those whose activities name it
     * (a team whose {@code goal.team-created} has not been seen is known from its first activity).
     */
    public Uni<List<UUID>> teamsOfUnit(SqlClient client, UUID unitId) {
        return client.preparedQuery("""
                        select team_id from team_directory where unit_id = $1
                        union select team_id from activity_fact where unit_id = $1 order by 1""")
                .execute(Tuple.of(unitId))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("team_id")));
                    return ids;
                });
    }

    /** The activities carried out by these teams (or in the unit) in {@code month}, by carriedOutAt. */
    public Uni<List<Fact>> carriedOutIn(SqlClient client, UUID unitId, List<UUID> teams, String month) {
        return facts(client, "where (unit_id = $1 or team_id = any($2)) and month = $3 and carried_out_at is not null",
                Tuple.tuple().addUUID(unitId).addArrayOfUUID(teams.toArray(new UUID[0])).addString(month));
    }

    /** All the team's carried-out activities. */
    public Uni<List<Fact>> carriedOutBy(SqlClient client, UUID teamId) {
        return facts(client, "where team_id = $1 and carried_out_at is not null", Tuple.of(teamId));
    }

    private Uni<List<Fact>> facts(SqlClient client, String where, Tuple params) {
        return client.preparedQuery("""
                        select activity_id, team_id, unit_id, activity_type, lead_measure_id, design_id, design_version,
                               segment, carried_out_at, month, week, intention_reached, outcomes::text as outcomes,
                               adaptations::text as adaptations, q_intention, q_frames, q_content, q_presence, q_focus,
                               q_flexibility, improvement_proposals::text as improvement_proposals
                        from activity_fact""" + " " + where + " order by carried_out_at, activity_id")
                .execute(params)
                .map(rows -> {
                    List<Fact> facts = new ArrayList<>();
                    rows.forEach(row -> facts.add(fact(row)));
                    return facts;
                });
    }

    private static Fact fact(Row row) {
        Map<String, Integer> quality = null;
        if (row.getInteger("q_intention") != null) {
            quality = new LinkedHashMap<>();
            for (String dimension : DIMENSIONS) {
                quality.put(dimension, row.getInteger("q_" + dimension));
            }
        }
        OffsetDateTime at = row.getOffsetDateTime("carried_out_at");
        return new Fact(row.getUUID("activity_id"), row.getUUID("team_id"), row.getUUID("unit_id"),
                row.getString("activity_type"), row.getUUID("lead_measure_id"), row.getUUID("design_id"),
                row.getInteger("design_version"), row.getString("segment"), at == null ? null : at.toInstant(),
                row.getString("month"), row.getString("week"), row.getString("intention_reached"),
                parse(row.getString("outcomes"), new TypeReference<Map<String, Integer>>() { }, Map.of()),
                parse(row.getString("adaptations"), new TypeReference<List<Adaptation>>() { }, List.of()),
                quality,
                parse(row.getString("improvement_proposals"), new TypeReference<List<ImprovementProposal>>() { }, List.of()));
    }

    /** The sorted feedback items given on these activities, by category, element, then as given. */
    public Uni<List<FeedbackRow>> feedback(SqlClient client, List<UUID> activityIds) {
        return client.preparedQuery("""
                        select activity_id, category, element, text from feedback_item where activity_id = any($1)
                        order by category, element, activity_id, event_id, position""")
                .execute(Tuple.tuple().addArrayOfUUID(activityIds.toArray(new UUID[0])))
                .map(rows -> {
                    List<FeedbackRow> items = new ArrayList<>();
                    rows.forEach(row -> items.add(new FeedbackRow(row.getUUID("activity_id"), row.getString("category"),
                            row.getString("element"), row.getString("text"))));
                    return items;
                });
    }

    /** The teams' learnings, in the order recorded. */
    public Uni<List<Learning>> learnings(SqlClient client, List<UUID> teams) {
        return client.preparedQuery("""
                        select learning_id, team_id, insight, element, tags, activity_ids, recorded_at, reported_week
                        from learning_view
                        where team_id = any($1) order by recorded_at, learning_id""")
                .execute(Tuple.tuple().addArrayOfUUID(teams.toArray(new UUID[0])))
                .map(rows -> {
                    List<Learning> learnings = new ArrayList<>();
                    rows.forEach(row -> learnings.add(new Learning(new LearningSummary(row.getUUID("learning_id"),
                            row.getUUID("team_id"), row.getString("insight"), row.getString("element"),
                            Arrays.asList(row.getArrayOfStrings("tags")), Arrays.asList(row.getArrayOfUUIDs("activity_ids"))),
                            row.getOffsetDateTime("recorded_at").toInstant(), row.getString("reported_week"))));
                    return learnings;
                });
    }

    /** The teams' lead measures (all statuses), by team and name. */
    public Uni<List<LeadMeasure>> leadMeasures(SqlClient client, List<UUID> teams) {
        return client.preparedQuery("""
                        select * from lead_measure_view where team_id = any($1) order by team_id, name, lead_measure_id""")
                .execute(Tuple.tuple().addArrayOfUUID(teams.toArray(new UUID[0])))
                .map(rows -> {
                    List<LeadMeasure> leads = new ArrayList<>();
                    rows.forEach(row -> leads.add(new LeadMeasure(row.getUUID("lead_measure_id"), row.getUUID("wig_id"),
                            row.getUUID("team_id"), row.getString("name"), row.getString("activity_type"),
                            row.getInteger("weekly_target"), row.getString("status"), Rows.instant(row, "active_from"),
                            Rows.instant(row, "active_until"))));
                    return leads;
                });
    }

    /**
     * Per lead measure and week: the activities counted toward it that week ({@link LeadMeasureCounting}, the one
     * counting rule) and the manual reading. {@code measures} must be every lead measure (of every status) of the
     * teams and activity types concerned, as {@link #leadMeasures} gives them: the rule weighs them all.
     */
    public Uni<Map<UUID, Map<String, int[]>>> weekly(SqlClient client, List<LeadMeasure> measures, List<String> weeks) {
        if (measures.isEmpty() || weeks.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        ZoneId zone = config.timeZone();
        List<String> sorted = weeks.stream().sorted().toList();
        OffsetDateTime from = Periods.weekStart(sorted.get(0)).atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime until = Periods.weekStart(sorted.get(sorted.size() - 1)).plusWeeks(1).atStartOfDay(zone)
                .toOffsetDateTime();
        Tuple activities = Tuple.tuple()
                .addArrayOfUUID(measures.stream().map(LeadMeasure::teamId).distinct().toArray(UUID[]::new))
                .addArrayOfString(measures.stream().map(LeadMeasure::activityType).distinct().toArray(String[]::new))
                .addOffsetDateTime(from).addOffsetDateTime(until);
        return client.preparedQuery("""
                        select activity_id, team_id, activity_type, lead_measure_id, carried_out_at from activity_fact
                        where team_id = any($1) and activity_type = any($2)
                          and carried_out_at >= $3 and carried_out_at < $4""")
                .execute(activities)
                .chain(rows -> {
                    List<LeadMeasureCounting.Activity> carriedOut = new ArrayList<>();
                    rows.forEach(row -> carriedOut.add(new LeadMeasureCounting.Activity(row.getUUID("activity_id"),
                            row.getUUID("team_id"), row.getString("activity_type"), row.getUUID("lead_measure_id"),
                            Rows.instant(row, "carried_out_at"))));
                    var counted = LeadMeasureCounting.weekly(carriedOut,
                            measures.stream().map(LeadMeasure::counted).toList(), zone);
                    Map<UUID, Map<String, int[]>> weekly = new LinkedHashMap<>();
                    counted.forEach((measure, byWeek) -> byWeek.forEach((week, count) -> {
                        if (weeks.contains(week)) {
                            weekly.computeIfAbsent(measure, id -> new LinkedHashMap<>()).put(week, new int[]{count, 0});
                        }
                    }));
                    return client.preparedQuery("""
                                    select lead_measure_id, week, count from lead_reading
                                    where lead_measure_id = any($1) and week = any($2)""")
                            .execute(Tuple.tuple()
                                    .addArrayOfUUID(measures.stream().map(LeadMeasure::leadMeasureId).toArray(UUID[]::new))
                                    .addArrayOfString(weeks.toArray(new String[0])))
                            .map(readings -> {
                                readings.forEach(row -> weekly.computeIfAbsent(row.getUUID("lead_measure_id"),
                                                id -> new LinkedHashMap<>())
                                        .computeIfAbsent(row.getString("week"), week -> new int[]{0, 0})[1]
                                        = row.getInteger("count"));
                                return weekly;
                            });
                });
    }

    public Uni<List<Wig>> wigs(SqlClient client, List<UUID> wigIds) {
        return wigsWhere(client, "where wig_id = any($1)", Tuple.tuple().addArrayOfUUID(wigIds.toArray(new UUID[0])));
    }

    public Uni<List<Wig>> wigsOfTeam(SqlClient client, UUID teamId) {
        return wigsWhere(client, "where team_id = $1", Tuple.of(teamId));
    }

    private Uni<List<Wig>> wigsWhere(SqlClient client, String where, Tuple params) {
        return client.preparedQuery("select * from wig_view " + where + " order by title, wig_id").execute(params)
                .map(rows -> {
                    List<Wig> wigs = new ArrayList<>();
                    rows.forEach(row -> wigs.add(new Wig(row.getUUID("wig_id"), row.getUUID("team_id"),
                            row.getString("title"), row.getString("metric"), row.getBigDecimal("from_value"),
                            row.getBigDecimal("to_value"), row.getLocalDate("start_date"), row.getLocalDate("deadline"),
                            row.getString("cadence"), row.getString("status"))));
                    return wigs;
                });
    }

    /** The WIGs' lag readings in period order. */
    public Uni<List<LagRow>> lagReadings(SqlClient client, List<UUID> wigIds) {
        return client.preparedQuery("select * from lag_reading where wig_id = any($1) order by wig_id, period")
                .execute(Tuple.tuple().addArrayOfUUID(wigIds.toArray(new UUID[0])))
                .map(rows -> {
                    List<LagRow> readings = new ArrayList<>();
                    rows.forEach(row -> readings.add(new LagRow(row.getUUID("wig_id"), row.getString("period"),
                            row.getBigDecimal("value"))));
                    return readings;
                });
    }


    static <T> List<T> distinct(List<T> items) {
        return List.copyOf(new LinkedHashSet<>(items));
    }

    private static <T> T parse(String json, TypeReference<T> type, T absent) {
        if (json == null) {
            return absent;
        }
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable read-model JSON", e);
        }
    }
}
