package org.learningloop.reporting.rollup;

import org.learningloop.contracts.Periods;
import io.quarkus.security.Authenticated;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.reporting.activities.ActivityFactsProjection;
import org.learningloop.reporting.evidence.ActivityFact;
import org.learningloop.reporting.evidence.EvidenceReads;
import org.learningloop.reporting.evidence.GoalFacts;
import org.learningloop.reporting.evidence.GoalFactsProjection;
import org.learningloop.reporting.projection.ProjectionReads;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** Scoreboard roll-ups: every team of a unit, and the organisation WIGs with each unit's contribution. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RollupResource {

    private final ProjectionReads reads;
    private final LoopConfig loop;
    private final Access access;

    /**
     * Who may (ADR 15): a unit's rollup, the members of its teams, its manager and analysts; the organisation's
     * rollup (sums per unit, no team's detail), anybody signed in.
     */
    public RollupResource(ProjectionReads reads, LoopConfig loop, Access access) {
        this.reads = reads;
        this.loop = loop;
        this.access = access;
    }

    /** What the goal-facts projection knows about a set of teams and WIGs. */
    private record Facts(String unitName, boolean unitKnown, Map<UUID, String> teams, List<GoalFacts.Wig> wigs,
                         Map<UUID, SortedMap<String, BigDecimal>> readings, List<GoalFacts.LeadMeasure> leadMeasures,
                         Map<UUID, Map<String, Integer>> manual) {
    }

    @GET
    @Path("/units/{unitId}/rollup")
    @Operation(summary = "The unit's scoreboards",
            description = "Every team of the unit: its WIGs with the latest lag reading and status (winning / at-risk / "
                    + "losing / no-data on the date on, default today in the organisation's zone), and its lead measures "
                    + "with last ISO week's actual (the activities counted toward it by the one counting rule, plus "
                    + "manual readings) against the weekly target; plus the unit's own WIGs.")
    public Uni<Rollups.UnitRollup> unit(@PathParam("unitId") String unitId, @QueryParam("on") String on) {
        UUID unit = QueryParams.uuid("unitId", unitId);
        LocalDate day = date(on);
        return access.unitOrAnalyst(unit, Relation.MEMBER)
                .chain(() -> reads.read(GoalFactsProjection.NAME, GoalFactsProjection.VERSION, c -> unitFacts(c, unit)))
                .chain(facts -> {
            if (!facts.unitKnown()) {
                throw CommandRejected.notFound("unit-not-found", "There is no unit " + unit);
            }
            String lastWeek = Periods.previousWeek(Periods.week(day));
            return activitiesInWeek(facts.leadMeasures(), lastWeek).map(counts -> {
                List<Rollups.TeamRollup> teams = new ArrayList<>();
                facts.teams().forEach((team, name) -> teams.add(new Rollups.TeamRollup(team, name,
                        facts.wigs().stream().filter(w -> team.equals(w.teamId()))
                                .map(w -> Rollups.line(w, facts.readings().get(w.wigId()), day)).toList(),
                        facts.leadMeasures().stream().filter(m -> team.equals(m.teamId()))
                                .map(m -> Rollups.lead(m, counts.getOrDefault(m.leadMeasureId(), 0),
                                        facts.manual().getOrDefault(m.leadMeasureId(), Map.of()), day)).toList())));
                List<Rollups.WigLine> unitWigs = facts.wigs().stream().filter(w -> w.teamId() == null)
                        .map(w -> Rollups.line(w, facts.readings().get(w.wigId()), day)).toList();
                return new Rollups.UnitRollup(unit, facts.unitName(), day, unitWigs, teams);
            });
        });
    }

    @GET
    @Path("/organisation/rollup")
    @Operation(summary = "The organisation WIGs and each unit's contribution",
            description = "Each organisation-level WIG (no parent, no team, no unit) with its status on the date on, and "
                    + "per unit: its unit WIGs aiming at it, its teams' WIGs aiming at it (directly or through a unit "
                    + "WIG), and the contribution = the sum of those team WIGs' latest lag values.")
    public Uni<Rollups.OrganisationRollup> organisation(@QueryParam("on") String on) {
        LocalDate day = date(on);
        return reads.read(GoalFactsProjection.NAME, c -> EvidenceReads.wigs(c, "true", Tuple.tuple())
                .chain(wigs -> EvidenceReads.lagReadings(c, wigs.stream().map(GoalFacts.Wig::wigId).toArray(UUID[]::new))
                        .chain(readings -> c.query("select team_id, unit_id from team_fact").execute()
                                .chain(teamRows -> c.query("select unit_id, name from unit_fact").execute()
                                        .map(unitRows -> {
                                            Map<UUID, UUID> unitOfTeam = new HashMap<>();
                                            teamRows.forEach(r -> unitOfTeam.put(r.getUUID("team_id"), r.getUUID("unit_id")));
                                            Map<UUID, String> unitNames = new HashMap<>();
                                            unitRows.forEach(r -> unitNames.put(r.getUUID("unit_id"), r.getString("name")));
                                            List<Rollups.OrganisationWig> items = wigs.stream()
                                                    .filter(w -> w.parentWigId() == null && w.teamId() == null
                                                            && w.unitId() == null)
                                                    .map(w -> new Rollups.OrganisationWig(
                                                            Rollups.line(w, readings.get(w.wigId()), day),
                                                            Rollups.contributions(w, wigs, readings, unitOfTeam,
                                                                    unitNames, day)))
                                                    .toList();
                                            return new Rollups.OrganisationRollup(day, items);
                                        })))));
    }

    private Uni<Facts> unitFacts(SqlConnection c, UUID unit) {
        return c.preparedQuery("select name from unit_fact where unit_id = $1").execute(Tuple.of(unit))
                .chain(unitRows -> c.preparedQuery("select team_id, name from team_fact where unit_id = $1 "
                        + "order by name, team_id").execute(Tuple.of(unit)).chain(teamRows -> {
                    String unitName = unitRows.iterator().hasNext() ? unitRows.iterator().next().getString("name") : null;
                    Map<UUID, String> teams = new java.util.LinkedHashMap<>();
                    teamRows.forEach(r -> teams.put(r.getUUID("team_id"), r.getString("name")));
                    UUID[] teamIds = teams.keySet().toArray(UUID[]::new);
                    return EvidenceReads.wigs(c, "unit_id = $1 or team_id = any($2)", Tuple.of(unit, teamIds))
                            .chain(wigs -> EvidenceReads.lagReadings(c, wigs.stream().map(GoalFacts.Wig::wigId)
                                    .toArray(UUID[]::new)).chain(readings -> c.preparedQuery(
                                            "select * from lead_measure_fact where team_id = any($1) "
                                                    + "order by name, lead_measure_id").execute(Tuple.of(teamIds))
                                    .chain(measureRows -> {
                                        List<GoalFacts.LeadMeasure> measures = new ArrayList<>();
                                        measureRows.forEach(r -> measures.add(EvidenceReads.leadMeasure(r)));
                                        return c.preparedQuery("select lead_measure_id, week, count from "
                                                        + "lead_reading_fact where lead_measure_id = any($1)")
                                                .execute(Tuple.of(measures.stream()
                                                        .map(GoalFacts.LeadMeasure::leadMeasureId).toArray(UUID[]::new)))
                                                .map(readingRows -> {
                                                    Map<UUID, Map<String, Integer>> manual = new HashMap<>();
                                                    readingRows.forEach(r -> manual.computeIfAbsent(
                                                            r.getUUID("lead_measure_id"), k -> new TreeMap<>())
                                                            .put(r.getString("week"), r.getInteger("count")));
                                                    boolean known = unitName != null || !teams.isEmpty()
                                                            || !wigs.isEmpty();
                                                    return new Facts(unitName, known, teams, wigs, readings, measures,
                                                            manual);
                                                });
                                    })));
                }));
    }

    /**
     * Activities carried out in the ISO week (organisation zone) counted toward each lead measure, by the one counting
     * rule ({@link org.learningloop.rules.LeadMeasureCounting}); {@code measures} are every lead measure of the teams.
     */
    private Uni<Map<UUID, Integer>> activitiesInWeek(List<GoalFacts.LeadMeasure> measures, String week) {
        if (measures.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        LocalDate start = Periods.weekStart(week);
        return reads.read(ActivityFactsProjection.NAME, c -> c.preparedQuery("select activity_id, team_id, "
                        + "activity_type, lead_measure_id, carried_out_at from activity_fact where not cancelled "
                        + "and carried_out_at >= $2 and carried_out_at < $3 and team_id = any($1)")
                .execute(Tuple.of(measures.stream().map(GoalFacts.LeadMeasure::teamId).distinct().toArray(UUID[]::new),
                        start.atStartOfDay(loop.timeZone()).toOffsetDateTime(),
                        start.plusWeeks(1).atStartOfDay(loop.timeZone()).toOffsetDateTime()))
                .map(rows -> {
                    List<ActivityFact> activities = new ArrayList<>();
                    rows.forEach(r -> activities.add(new ActivityFact(r.getUUID("activity_id"), r.getUUID("team_id"),
                            null, r.getString("activity_type"), r.getUUID("lead_measure_id"), null, null, null,
                            r.getOffsetDateTime("carried_out_at").toInstant(), null, Map.of(), null)));
                    Map<UUID, Integer> counts = new HashMap<>();
                    EvidenceReads.countedToward(activities, measures).forEach((measure, counted) ->
                            counts.put(measure, counted.size()));
                    return counts;
                }));
    }

    private LocalDate date(String on) {
        LocalDate day = QueryParams.date("on", on);
        return day == null ? LocalDate.now(loop.timeZone()) : day;
    }
}
