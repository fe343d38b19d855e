package org.learningloop.contracts.activity;

import org.learningloop.contracts.LoopEvent;

import java.util.UUID;

/**
 * What happens to an activity through before → during → after. Published on {@code loop.activities}
 * by activity-service, keyed by the team. (Issue 4 adds the other events of the loop.)
 */
public sealed interface ActivityEvent extends LoopEvent permits ActivityCarriedOut {

    UUID activityId();
}
