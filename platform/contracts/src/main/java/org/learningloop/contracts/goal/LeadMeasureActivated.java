package org.learningloop.contracts.goal;

import java.time.Instant;
import java.util.UUID;

/**
 * The lead measure became active: its activities count from {@code activeFrom}. When it replaces another,
 * {@code replacesLeadMeasureId}, {@code reason} and the evidence ({@code agreementId}, {@code evidenceRef}) say so.
 *
 * @param activeFrom the instant from which its activities count: always there in version 2; a version 1 event
 *                   without it (written before the field existed) is read with its own time here
 *                   ({@code GoalEvents}' upcaster)
 */
public record LeadMeasureActivated(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String activityType,
                                   int weeklyTarget, UUID replacesLeadMeasureId, String reason, UUID agreementId,
                                   String evidenceRef, Instant activeFrom) implements LeadMeasureEvent {

    /** An activation without {@code activeFrom}, as version 1 wrote it before the field existed (tests of old data). */
    public LeadMeasureActivated(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String activityType,
                                int weeklyTarget, UUID replacesLeadMeasureId, String reason, UUID agreementId,
                                String evidenceRef) {
        this(leadMeasureId, wigId, teamId, unitId, activityType, weeklyTarget, replacesLeadMeasureId, reason,
                agreementId, evidenceRef, null);
    }
}
