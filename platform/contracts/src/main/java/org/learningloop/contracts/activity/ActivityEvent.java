package org.learningloop.contracts.activity;

import org.learningloop.contracts.LoopEvent;

import java.util.UUID;

/**
 * What happens to an activity through before → during → after. Published on {@code loop.activities}
 * by activity-service, keyed by the team.
 */
public sealed interface ActivityEvent extends LoopEvent permits ActivityPlanned, ActivityCarriedOut, ActivityEvaluated,
        ActivityCancelled, FeedbackGiven {

    UUID activityId();
}
