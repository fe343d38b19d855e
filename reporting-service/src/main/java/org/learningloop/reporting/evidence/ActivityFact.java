package org.learningloop.reporting.evidence;

import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.rules.IntentionReachedRate;
import org.learningloop.rules.LeadMeasureCounting;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A carried-out, not cancelled activity as the evidence reports see it.
 *
 * @param intentionReached {@code yes}, {@code partly}, {@code no} or {@code null}
 * @param quality          {@code null} until evaluated
 * @param employees        the workplace's number of employees as planned, {@code null} when not given
 */
public record ActivityFact(UUID activityId, UUID teamId, UUID unitId, String activityType, UUID leadMeasureId,
                           UUID designId, Integer designVersion, String segment, Instant carriedOutAt,
                           String intentionReached, Map<String, Integer> outcomes, QualityScores quality,
                           Integer employees) {

    /** An activity whose workplace size is not known. */
    public ActivityFact(UUID activityId, UUID teamId, UUID unitId, String activityType, UUID leadMeasureId,
                        UUID designId, Integer designVersion, String segment, Instant carriedOutAt,
                        String intentionReached, Map<String, Integer> outcomes, QualityScores quality) {
        this(activityId, teamId, unitId, activityType, leadMeasureId, designId, designVersion, segment, carriedOutAt,
                intentionReached, outcomes, quality, null);
    }

    /** As the counting rule sees it. */
    public LeadMeasureCounting.Activity counted() {
        return new LeadMeasureCounting.Activity(activityId, teamId, activityType, leadMeasureId, carriedOutAt);
    }

    /** Intention reached as a success count: yes 1, partly ½, no 0. */
    public double intentionSuccess() {
        IntentionReached answer = IntentionReachedRate.answer(intentionReached);
        return answer == null ? 0 : IntentionReachedRate.weight(answer);
    }

    public int outcome(String name) {
        Integer value = outcomes == null ? null : outcomes.get(name);
        return value == null ? 0 : Math.max(0, value);
    }

    /** Mean of the six quality dimensions, or {@code null} before evaluation. */
    public Double meanQuality() {
        if (quality == null) {
            return null;
        }
        return (quality.intention() + quality.frames() + quality.content() + quality.presence() + quality.focus()
                + quality.flexibility()) / 6.0;
    }
}
