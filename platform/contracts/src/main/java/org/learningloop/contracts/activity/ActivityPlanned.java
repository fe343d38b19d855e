package org.learningloop.contracts.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Before: an activity was planned with a design version, a workplace, participants (ids), preparation and its hypothesis. */
public record ActivityPlanned(UUID activityId, UUID teamId, UUID unitId, String activityType, UUID leadMeasureId,
                              UUID designId, int designVersion, Instant scheduledAt, Workplace workplace,
                              List<UUID> participants, String preparation, String hypothesis) implements ActivityEvent {
}
