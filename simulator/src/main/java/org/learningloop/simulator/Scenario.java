package org.learningloop.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What a simulation plays and the truth it is generated from, which the reports are expected to find.
 *
 * @param name          prefix of every idempotency key and of the names shown, so two scenarios never collide
 * @param seed          the only source of randomness
 * @param now           the instant the simulation is played up to ("now" of its first run): nothing is scheduled,
 *                      carried out or read after it; its months are the {@code months} complete calendar months
 *                      before the month of {@link #anchor()}, then that month up to {@code now}
 * @param activitiesPerWeek  workplace activities each team carries out per week
 * @param wigMeetings   hold the weekly WIG meeting of every team
 * @param workplaceMeetings  hold the monthly workplace meeting (APT) of the unit, with agreements
 */
public record Scenario(String name, long seed, Instant now, ZoneId zone, int months, String unitName,
                       List<TeamSpec> teams, List<DesignSpec> designs, List<SegmentSpec> segments,
                       int activitiesPerWeek, boolean wigMeetings, boolean workplaceMeetings) {

    /** The day of {@code now} in the scenario's time zone: the last day played, up to {@code now}. */
    public LocalDate anchor() {
        return LocalDate.ofInstant(now, zone);
    }

    /** The activity type of the workplace visits. */
    public static final String WORKPLACE_VISIT = "workplace-visit";
    /** The outcome every activity reports. */
    public static final String RECRUITED = "membersRecruited";

    /**
     * A WIG team.
     *
     * @param execution        0..1: how well the team carries activities out (quality scores, intention reached)
     * @param leadMeasure      the lead measure it acts on
     * @param lagBase          its lag measure's monthly value without the lead measure's effect
     */
    public record TeamSpec(String name, double execution, LeadMeasureSpec leadMeasure, int lagBase) {
    }

    /**
     * A lead measure as a hypothesis, and the truth about it.
     *
     * @param effective whether its activities move the lag measure (members recruited become net new members)
     */
    public record LeadMeasureSpec(String name, String activityType, int weeklyTarget, boolean effective) {
    }

    /**
     * A pedagogical design and the truth about it: members recruited per activity (Poisson mean) in each
     * segment it targets; teams whose lead measure has its activity type use it.
     *
     * @param revisionGain how much each agreed revision raises those rates (0.1 = ten per cent)
     */
    public record DesignSpec(String label, String name, String activityType, Map<String, Double> recruitedPerActivity,
                             double revisionGain) {
    }

    /**
     * A kind of workplace and how often teams visit it.
     *
     * @param share        its share of a team's weekly activities
     * @param fixedPerDesign when positive: exactly this many activities per design in the whole scenario instead
     *                     (a segment with too little evidence)
     */
    public record SegmentSpec(String key, double share, int fixedPerDesign) {
    }
}
