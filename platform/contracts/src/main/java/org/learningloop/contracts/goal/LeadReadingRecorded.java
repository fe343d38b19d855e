package org.learningloop.contracts.goal;

import java.util.UUID;

/**
 * A manual count of the lead measure's activities for an ISO week ({@code 2026-W48}), for activities
 * recorded outside activity-service. Counts from activity-service's events are separate and not in here.
 */
public record LeadReadingRecorded(UUID leadMeasureId, UUID teamId, UUID unitId, String week, int count)
        implements LeadMeasureEvent {
}
