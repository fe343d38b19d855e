package org.learningloop.reporting.evidence;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.http.StreamPosition;
import org.learningloop.platform.config.LoopConfig;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The evidence the loop exists to produce: design effectiveness, best design per segment, lead-measure verdicts. */
@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class EvidenceResource {

    private static final String AFTER = "after (repeatable): a write's Loop-Position (streamId@version); the "
            + "report answers once the evidence projections have applied it, waiting up to 2 s, else 503 "
            + "projection-behind (ask again).";
    private static final Pattern OUTCOME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final EvidenceReads reads;
    private final EvidenceConfig config;
    private final LoopConfig loop;
    private final java.time.Clock clock;

    public EvidenceResource(EvidenceReads reads, EvidenceConfig config, LoopConfig loop, java.time.Clock clock) {
        this.clock = clock;
        this.reads = reads;
        this.config = config;
        this.loop = loop;
    }

    /** The answer of design-effectiveness. */
    public record DesignEffectivenessReport(String outcome, UUID leadMeasureId, String segment, String activityType,
                                            UUID unitId, java.time.LocalDate asOf, Thresholds thresholds,
                                            List<DesignEffectiveness.Arm> items) {
    }

    /** The answer of best-designs. */
    public record BestDesignsReport(String outcome, String activityType, UUID unitId, java.time.LocalDate asOf,
                                    Thresholds thresholds, List<BestDesigns.SegmentBest> items) {
    }

    @GET
    @Path("/design-effectiveness")
    @Operation(summary = "Effectiveness per design version × segment",
            description = "Outcome per activity (Gamma–Poisson posterior mean and credible interval), intention-reached "
                    + "rate (Beta–Binomial, partly = half), mean quality per dimension by calendar month with its trend, "
                    + "and P(best) within the activity type × segment. Filters: leadMeasureId (the activities counted "
                    + "toward it, by the counting rule of the scoreboard), segment, activityType, unitId "
                    + "(the activities of that unit's teams; a unit without activities gives no items); "
                    + "outcome names the outcome count (default membersRecruited); asOf (a date, not in the future) "
                    + "reads the report as it stood at the end of that day by business time: the activities carried "
                    + "out by then. " + AFTER)
    public Uni<DesignEffectivenessReport> designEffectiveness(@QueryParam("leadMeasureId") String leadMeasureId,
                                                              @QueryParam("segment") String segment,
                                                              @QueryParam("activityType") String activityType,
                                                              @QueryParam("unitId") String unitId,
                                                              @QueryParam("outcome") String outcome,
                                                              @QueryParam("asOf") String asOf,
                                                              @QueryParam("after") List<String> after) {
        UUID leadMeasure = QueryParams.uuid("leadMeasureId", leadMeasureId);
        List<StreamPosition> positions = StreamPosition.parse("after", after);
        java.time.LocalDate day = asOf(asOf);
        String segmentKey = key("segment", segment);
        String type = key("activityType", activityType);
        UUID unit = QueryParams.uuid("unitId", unitId);
        String outcomeName = outcome(outcome);
        Thresholds thresholds = Thresholds.of(config);
        Uni<List<ActivityFact>> counted = reads.caughtUp(positions).chain(() -> leadMeasure == null
                ? reads.activities(segmentKey, type, unit)
                : reads.leadMeasure(leadMeasure).chain(found -> {
                    if (found.isEmpty()) {
                        throw CommandRejected.notFound("lead-measure-not-found", "There is no lead measure " + leadMeasure);
                    }
                    GoalFacts.LeadMeasure measure = found.get();
                    // the activities counted toward it (ADR 21), of the segment, type and unit asked for
                    return reads.leadMeasuresOfTeamAndType(measure.teamId(), measure.activityType())
                            .chain(reads::activitiesOf)
                            .map(byMeasure -> byMeasure.getOrDefault(leadMeasure, List.<ActivityFact>of()).stream()
                                    .filter(a -> segmentKey == null || segmentKey.equals(a.segment()))
                                    .filter(a -> type == null || type.equals(a.activityType()))
                                    .filter(a -> unit == null || unit.equals(a.unitId()))
                                    .toList());
                }));
        return counted
                .chain(activities -> reads.designs().map(designs -> new DesignEffectivenessReport(outcomeName,
                        leadMeasure, segmentKey, type, unit, day, thresholds,
                        DesignEffectiveness.arms(until(activities, day), outcomeName, names(designs), thresholds,
                                loop.timeZone()))));
    }

    @GET
    @Path("/best-designs")
    @Operation(summary = "Best design per activity type × segment, and next month's recommendation",
            description = "Each design is compared with all its versions together. The established designs (not "
                    + "retired, at least minActivitiesPerDesign activities in the segment) are compared: status best "
                    + "when the leader's P(best) among them reaches bestThreshold, a threshold set so that equal "
                    + "designs are named best at most 5 % of the time over a year of monthly looks (ADR 10); "
                    + "comparison gives the leader's rate ratio over the runner-up with the interval the decision "
                    + "uses; else insufficient-evidence (with additionalActivitiesPerDesign, a normal "
                    + "approximation), only-design or no-plannable-design. Each candidate's status is established, "
                    + "exploring or retired, with its outcome counts' dispersion. recommendation: Thompson-sampling "
                    + "shares with a floor of minExplorationShare over the designs a team can plan, each at its "
                    + "current version (untried designs targeting the segment included, retired ones never). "
                    + "Filters: activityType, unitId (the activities of that unit's teams; a unit without activities "
                    + "gives no items); asOf (a date, not in the future): as the report stood at the end of that day, "
                    + "by business time (the design catalogue is today's). " + AFTER)
    public Uni<BestDesignsReport> bestDesigns(@QueryParam("activityType") String activityType,
                                              @QueryParam("unitId") String unitId,
                                              @QueryParam("outcome") String outcome,
                                              @QueryParam("asOf") String asOf,
                                              @QueryParam("after") List<String> after) {
        String type = key("activityType", activityType);
        List<StreamPosition> positions = StreamPosition.parse("after", after);
        java.time.LocalDate day = asOf(asOf);
        UUID unit = QueryParams.uuid("unitId", unitId);
        String outcomeName = outcome(outcome);
        Thresholds thresholds = Thresholds.of(config);
        return reads.caughtUp(positions).chain(() -> reads.activities(null, type, unit))
                .chain(activities -> reads.designs().map(designs -> {
            List<DesignEffectiveness.Arm> arms = DesignEffectiveness.arms(until(activities, day), outcomeName,
                    names(designs), thresholds, loop.timeZone(), DesignEffectiveness.Granularity.DESIGN);
            return new BestDesignsReport(outcomeName, type, unit, day, thresholds,
                    BestDesigns.of(arms, designs, thresholds));
        }));
    }

    @GET
    @Path("/lead-measures/{leadMeasureId}/verdict")
    @Operation(summary = "Keep, improve execution, replace, or insufficient evidence",
            description = "The seed's logic: once execution is good (lead at target in the recent complete weeks, "
                    + "quality and intention reached high and stable over the complete monthly periods) the lag "
                    + "decides. lag.effect: the lag's readings in complete periods with the lead measure at target "
                    + "against its readings before the activation (the baseline), the lift with its interval and the "
                    + "effect the WIG needs (minimalEffectShare of |to − from|): keep when the interval lies above "
                    + "0, replace when it lies below the needed effect, else insufficient-evidence with "
                    + "additionalReadings; no baseline is insufficient-evidence too. The period in progress is shown "
                    + "(notJudged, execution.inProgress) and never judged. asOf (a date, not in the future) reads the "
                    + "verdict as it stood at the end of that day by business time, e.g. at last month's workplace "
                    + "meeting. With the evidence figures and the thresholds used. " + AFTER)
    public Uni<LeadMeasureVerdict.Answer> verdict(@PathParam("leadMeasureId") String leadMeasureId,
                                                  @QueryParam("asOf") String asOf,
                                                  @QueryParam("after") List<String> after) {
        UUID id = QueryParams.uuid("leadMeasureId", leadMeasureId);
        List<StreamPosition> positions = StreamPosition.parse("after", after);
        java.time.LocalDate day = asOf(asOf);
        java.time.LocalDate today = day != null ? day : java.time.LocalDate.now(clock.withZone(loop.timeZone()));
        Thresholds thresholds = Thresholds.of(config);
        return reads.caughtUp(positions).chain(() -> reads.leadMeasure(id)).chain(found -> {
            if (found.isEmpty()) {
                throw CommandRejected.notFound("lead-measure-not-found", "There is no lead measure " + id);
            }
            GoalFacts.LeadMeasure measure = found.get();
            Uni<List<GoalFacts.LeadMeasureEvidence>> peers = measure.activityType() == null
                    ? Uni.createFrom().item(List.of()) : reads.leadMeasuresOfType(measure.activityType());
            return peers.chain(list -> {
                List<GoalFacts.LeadMeasure> measures = new java.util.ArrayList<>(list.stream()
                        .map(GoalFacts.LeadMeasureEvidence::leadMeasure).toList());
                if (measures.stream().noneMatch(m -> m.leadMeasureId().equals(id))) {
                    measures.add(measure);
                }
                return reads.activitiesOf(measures).chain(byMeasure -> {
                    List<GoalFacts.LeadMeasureEvidence> withActivities = list.stream()
                            .map(e -> new GoalFacts.LeadMeasureEvidence(e.leadMeasure(), e.wig(), e.lagReadings(),
                                    e.manualReadings(), byMeasure.getOrDefault(e.leadMeasure().leadMeasureId(),
                                    List.of()))).toList();
                    GoalFacts.LeadMeasureEvidence own = withActivities.stream()
                            .filter(e -> e.leadMeasure().leadMeasureId().equals(id)).findFirst()
                            .orElse(new GoalFacts.LeadMeasureEvidence(measure, null, new java.util.TreeMap<>(), Map.of(),
                                    byMeasure.getOrDefault(id, List.of())));
                    return Uni.createFrom().item(LeadMeasureVerdict.of(own.asOf(today, loop.timeZone()),
                            withActivities.stream().map(e -> e.asOf(today, loop.timeZone())).toList(), thresholds,
                            loop.timeZone(), today).asOf(day));
                });
            });
        });
    }

    /**
     * {@code asOf}: a past or present date in the organisation's zone; the reports then stand as at its end, by
     * business time (what carried out, read and counted by then). A future date is refused: nothing is known of it.
     */
    private java.time.LocalDate asOf(String value) {
        java.time.LocalDate day = QueryParams.date("asOf", value);
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(loop.timeZone()));
        if (day != null && day.isAfter(today)) {
            throw QueryParams.invalid("asOf", "must not be after today (" + today + ")");
        }
        return day;
    }

    private List<ActivityFact> until(List<ActivityFact> activities, java.time.LocalDate day) {
        return day == null ? activities
                : GoalFacts.carriedOutBefore(activities, day.plusDays(1).atStartOfDay(loop.timeZone()).toInstant());
    }

    private static Map<UUID, String> names(Map<UUID, Design> designs) {
        Map<UUID, String> names = new java.util.HashMap<>();
        designs.forEach((id, design) -> names.put(id, design.name()));
        return names;
    }

    private static String key(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String key = value.strip();
        if (!KEY.matcher(key).matches()) {
            throw QueryParams.invalid(name, "must be a key such as call-centre (lower-case letters, digits, hyphens)");
        }
        return key;
    }

    private static String outcome(String value) {
        if (value == null || value.isBlank()) {
            return "membersRecruited";
        }
        String outcome = value.strip();
        if (!OUTCOME.matcher(outcome).matches()) {
            throw QueryParams.invalid("outcome", "must be an outcome name such as membersRecruited");
        }
        return outcome;
    }
}
