package org.learningloop.reporting.evidence;

import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.Periods;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.DesignCreated;
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
import org.learningloop.contracts.goal.LeadReadingRecorded;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.UnitCreated;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.reporting.LoopScenario;
import org.learningloop.simulator.Draws;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A seeded simulation with known ground truth, as the other services would publish it (back-dated: every
 * time is in the payload, from March 2026). One unit under an organisation WIG:
 * <ul>
 *     <li>team "Designs": designs A and B of one activity type and lead measure; at {@code call-centre} B recruits
 *     2.0 members per activity and A 0.6, at {@code small-6-30} A 2.0 and B 0.6 (40 activities each); at
 *     {@code industry-floor} only 3 activities per design;</li>
 *     <li>team "Flat": a lead measure executed at target (3 a week for 20 weeks) with high quality and intention
 *     reached, while the WIG's monthly lag readings stay flat (noise only), where they stood in the three months
 *     before it (December 2025 to February 2026: each team's lag has readings of these months, its baseline);</li>
 *     <li>team "Rising": the same kind of lead measure, as well executed, and a lag rising 2 a month;</li>
 *     <li>team "Poor": a lead measure with a target of 5 a week done once or twice a week with low quality.</li>
 * </ul>
 */
final class GroundTruth {

    static final Instant START = Instant.parse("2026-03-03T09:00:00Z"); // a Tuesday
    static final int WEEKS = 20;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String visitType = "visit-" + suffix;
    final String callType = "call-" + suffix;
    final String meetingType = "meeting-" + suffix;
    final UUID unit = UUID.randomUUID();
    final UUID organisationWig = UUID.randomUUID();
    final UUID unitWig = UUID.randomUUID();
    final UUID designA = UUID.randomUUID();
    final UUID designB = UUID.randomUUID();
    final UUID designC = UUID.randomUUID();
    final UUID designsTeam = UUID.randomUUID();
    final UUID flatTeam = UUID.randomUUID();
    final UUID risingTeam = UUID.randomUUID();
    final UUID poorTeam = UUID.randomUUID();
    final UUID designsLead = UUID.randomUUID();
    final UUID flatLead = UUID.randomUUID();
    final UUID risingLead = UUID.randomUUID();
    final UUID poorLead = UUID.randomUUID();
    final Map<UUID, UUID> wigOf = new HashMap<>();
    final List<LoopScenario.Published> events = new ArrayList<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(20261127);

    GroundTruth() {
        goal(unit, "unit-" + unit, new UnitCreated(unit, "Region South", UUID.randomUUID()), START);
        goal(unit, "wig-" + organisationWig, new WigDefined(organisationWig, null, null, null, "The union grows",
                lag("1000", "2000")), START);
        goal(unit, "wig-" + unitWig, new WigDefined(unitWig, null, unit, organisationWig, "Region South grows",
                lag("100", "200")), START);
        team(designsTeam, "Designs", designsLead, visitType, 5);
        team(flatTeam, "Flat", flatLead, callType, 3, "20"); // its lag stays where its WIG starts
        team(risingTeam, "Rising", risingLead, callType, 3);
        team(poorTeam, "Poor", poorLead, meetingType, 5);
        activity(unit, "design-" + designA, new DesignCreated(designA, unit, null, "Design A", visitType, designsLead,
                List.of("call-centre", "small-6-30"), "Members see the value", new Frames(30, "lunch room", List.of(),
                List.of()), new Content(List.of("greet"), List.of("wages")), "A works"), START);
        activity(unit, "design-" + designB, new DesignCreated(designB, unit, null, "Design B", visitType, designsLead,
                List.of("call-centre", "small-6-30"), "Members see the value", new Frames(15, "at the desk", List.of(),
                List.of()), new Content(List.of("greet"), List.of("wages")), "B works"), START);

        // designs A and B: 40 activities each in two segments, 3 each in a third; spread over the 20 weeks
        for (int i = 0; i < 40; i++) {
            Instant at = START.plus(Duration.ofDays(7L * (i % WEEKS))).plus(Duration.ofHours(i / WEEKS));
            designActivity(designA, "call-centre", 0.6, at);
            designActivity(designB, "call-centre", 2.0, at.plus(Duration.ofHours(2)));
            designActivity(designA, "small-6-30", 2.0, at.plus(Duration.ofHours(4)));
            designActivity(designB, "small-6-30", 0.6, at.plus(Duration.ofHours(6)));
        }
        for (int i = 0; i < 3; i++) {
            Instant at = START.plus(Duration.ofDays(7L * i + 1));
            designActivity(designA, "industry-floor", 0.6, at);
            designActivity(designB, "industry-floor", 2.0, at.plus(Duration.ofHours(1)));
        }
        // flat and rising: 3 well-executed activities a week (target 3); poor: 1–2 a week, low quality (target 5)
        for (int week = 0; week < WEEKS; week++) {
            Instant monday = START.plus(Duration.ofDays(7L * week));
            for (int n = 0; n < 3; n++) {
                executed(flatTeam, flatLead, callType, monday.plus(Duration.ofHours(n * 5L)), true);
                executed(risingTeam, risingLead, callType, monday.plus(Duration.ofHours(n * 5L + 1)), true);
            }
            for (int n = 0; n < 1 + week % 2; n++) {
                executed(poorTeam, poorLead, meetingType, monday.plus(Duration.ofHours(n * 5L)), false);
            }
        }
        // one poor-team activity in 2026-W28 names no lead measure: it counts for the team's only one of its type
        plannedAndCarriedOut(poorTeam, UUID.randomUUID(), meetingType, null, designC, "call-centre",
                START.plus(Duration.ofDays(7L * 18)).plus(Duration.ofHours(3)), 0, IntentionReached.NO,
                new QualityScores(2, 2, 2, 2, 2, 2));
        // monthly lag readings March–August: flat = 20 ± noise, rising = 10 + 2 a month ± noise
        for (int month = 0; month < 6; month++) {
            String period = "2026-" + String.format("%02d", 3 + month);
            Instant readAt = Instant.parse(period + "-28T12:00:00Z");
            reading(flatTeam, period, 20 + noise(1.0), readAt);
            reading(risingTeam, period, 10 + 2 * month + noise(0.5), readAt);
            reading(designsTeam, period, 12 + month + noise(0.5), readAt);
            reading(poorTeam, period, 15 + noise(1.0), readAt);
        }
        // the lag's readings of the three months before the lead measures (the baseline): where each team stood
        for (int month = 0; month < 3; month++) {
            String period = java.time.YearMonth.of(2025, 12).plusMonths(month).toString();
            Instant readAt = Periods.periodEnd(period).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            reading(flatTeam, period, 20 + noise(1.0), readAt);
            reading(risingTeam, period, 10 + noise(0.5), readAt);
            reading(designsTeam, period, 12 + noise(0.5), readAt);
            reading(poorTeam, period, 15 + noise(1.0), readAt);
        }
        // a corrected reading replaces the value; a manual lead reading adds to a week's activities
        UUID poorWig = wigOf.get(poorTeam);
        goal(poorTeam, "wig-" + poorWig, new LagReadingCorrected(poorWig, poorTeam, unit, "2026-08", new BigDecimal("16"),
                null), Instant.parse("2026-08-30T12:00:00Z"));
        goal(poorTeam, "lead-" + poorLead, new LeadReadingRecorded(poorLead, poorTeam, unit, "2026-W29", 2),
                Instant.parse("2026-07-19T12:00:00Z"));
    }

    private void team(UUID team, String name, UUID lead, String activityType, int weeklyTarget) {
        team(team, name, lead, activityType, weeklyTarget, "10");
    }

    private void team(UUID team, String name, UUID lead, String activityType, int weeklyTarget, String lagFrom) {
        UUID wig = UUID.randomUUID();
        wigOf.put(team, wig);
        goal(team, "team-" + team, new TeamCreated(team, unit, name), START);
        goal(team, "wig-" + wig, new WigDefined(wig, team, unit, unitWig, "Grow " + name,
                lag(lagFrom, new BigDecimal(lagFrom).add(new BigDecimal("20")).toPlainString())), START);
        goal(team, "lead-" + lead, new LeadMeasureProposed(lead, wig, team, unit, name + " activities", activityType,
                weeklyTarget, "Activities recruit members", null), START);
        goal(team, "lead-" + lead, new LeadMeasureActivated(lead, wig, team, unit, activityType, weeklyTarget, null, null,
                null, null, START), START);
    }

    private void designActivity(UUID design, String segment, double rate, Instant at) {
        UUID activity = UUID.randomUUID();
        plannedAndCarriedOut(designsTeam, activity, visitType, designsLead, design, segment, at, poisson(rate),
                random.nextDouble() < 0.7 ? IntentionReached.YES : IntentionReached.PARTLY,
                new QualityScores(4, 4, 4, 4, 4, 4));
    }

    private void executed(UUID team, UUID lead, String activityType, Instant at, boolean well) {
        UUID activity = UUID.randomUUID();
        QualityScores quality = well ? new QualityScores(5, 4, 4, 5, 4, 4 + random.nextInt(2))
                : new QualityScores(2, 2, 3, 2, 3, 2 + random.nextInt(2));
        IntentionReached intention = well ? (random.nextDouble() < 0.85 ? IntentionReached.YES : IntentionReached.PARTLY)
                : (random.nextDouble() < 0.3 ? IntentionReached.PARTLY : IntentionReached.NO);
        plannedAndCarriedOut(team, activity, activityType, lead, designC, "call-centre", at, poisson(1.0), intention,
                quality);
    }

    private void plannedAndCarriedOut(UUID team, UUID activity, String activityType, UUID lead, UUID design,
                                      String segment, Instant at, int members, IntentionReached intention,
                                      QualityScores quality) {
        String stream = "activity-" + activity;
        activity(team, stream, new ActivityPlanned(activity, team, unit, activityType, lead, design, 1,
                at.minus(Duration.ofDays(2)), new Workplace("site", segment, 20), List.of(), "prep", null),
                at.minus(Duration.ofDays(3)));
        activity(team, stream, new ActivityCarriedOut(activity, team, unit, activityType, lead, design, 1, segment, at,
                4, 4, intention, List.of(), Map.of("membersRecruited", members)), at);
        activity(team, stream, new ActivityEvaluated(activity, team, unit, design, 1, segment, null, quality, List.of()),
                at.plus(Duration.ofHours(1)));
    }

    private void reading(UUID team, String period, double value, Instant at) {
        UUID wig = wigOf.get(team);
        goal(team, "wig-" + wig, new LagReadingRecorded(wig, team, unit, period,
                BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP)), at);
    }

    private double noise(double amplitude) {
        return (random.nextDouble() * 2 - 1) * amplitude;
    }

    private int poisson(double rate) {
        return Draws.poisson(random::nextDouble, rate);
    }

    /** The version the last event of {@code stream} was published with. */
    long version(String stream) {
        return versions.get(stream);
    }

    private void goal(UUID key, String stream, LoopEvent event, Instant time) {
        add("loop.goals", key, stream, event, time);
    }

    private void activity(UUID key, String stream, LoopEvent event, Instant time) {
        add("loop.activities", key, stream, event, time);
    }

    private void add(String topic, UUID key, String stream, LoopEvent event, Instant time) {
        long version = versions.merge(stream, 1L, Long::sum);
        events.add(new LoopScenario.Published(topic, key,
                org.learningloop.reporting.ReportingBeans.CATALOG.typeOf(event).ceType(), time, stream, version, event,
                UUID.randomUUID()));
    }

    private static LagMeasure lag(String from, String to) {
        return new LagMeasure("net-new-members", "members", new BigDecimal(from), new BigDecimal(to),
                LocalDate.parse("2026-03-01"), LocalDate.parse("2026-12-31"), Cadence.MONTH);
    }
}
