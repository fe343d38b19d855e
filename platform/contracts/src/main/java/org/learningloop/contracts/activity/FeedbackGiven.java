package org.learningloop.contracts.activity;

import java.util.List;
import java.util.UUID;

/** Sorted feedback from a participant to themself or a colleague (both by id) after the activity. */
public record FeedbackGiven(UUID activityId, UUID teamId, UUID unitId, UUID designId, Integer designVersion,
                            UUID fromMemberId, UUID toMemberId, List<FeedbackItem> items) implements ActivityEvent {
}
