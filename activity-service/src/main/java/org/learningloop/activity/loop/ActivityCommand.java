package org.learningloop.activity.loop;

import org.learningloop.contracts.activity.Adaptation;
import org.learningloop.contracts.activity.FeedbackItem;
import org.learningloop.contracts.activity.Filtering;
import org.learningloop.contracts.activity.ImprovementProposal;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.contracts.activity.Workplace;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What can be asked of an activity on its way through before → during → after. Time and what is known
 * of other streams and tables (the design, whether the segment exists) come in with the command.
 */
public sealed interface ActivityCommand {

    UUID activityId();

    /**
     * Plan an activity (before).
     *
     * @param unitId        the unit, or {@code null} for the design's unit
     * @param leadMeasureId the lead measure it counts towards, or {@code null} for the design's
     * @param design        what the design's stream says of the design
     * @param designVersion the version to use, or {@code null} for the design's current one
     * @param segmentKnown  whether the workplace's segment is a known segment
     */
    record PlanActivity(UUID activityId, UUID teamId, UUID unitId, UUID leadMeasureId, DesignFacts design,
                        Integer designVersion, Instant scheduledAt, Workplace workplace, boolean segmentKnown,
                        List<UUID> participants, String preparation, String hypothesis) implements ActivityCommand {
    }

    /** Record how the activity was carried out (during), no later than {@code now}. */
    record CarryOutActivity(UUID activityId, Instant carriedOutAt, int presence, int focus,
                            IntentionReached intentionReached, List<Adaptation> adaptations,
                            Map<String, Integer> outcomes, Instant now) implements ActivityCommand {
    }

    /** Evaluate a carried-out activity (after): filtering, quality scores, improvement proposals. */
    record EvaluateActivity(UUID activityId, Filtering filtering, QualityScores quality,
                            List<ImprovementProposal> improvementProposals) implements ActivityCommand {
    }

    /** Sorted feedback from one participant to themself or another participant, after carrying out. */
    record GiveFeedback(UUID activityId, UUID fromMemberId, UUID toMemberId, List<FeedbackItem> items)
            implements ActivityCommand {
    }

    /** Cancel a planned activity that has not been carried out. */
    record CancelActivity(UUID activityId, String reason) implements ActivityCommand {
    }
}
