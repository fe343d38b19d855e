package org.learningloop.contracts.goal;

import java.time.Instant;
import java.util.UUID;

/**
 * The lead measure became active: its activities count from {@code activeFrom}. When it replaces another,
 * {@code replacesLeadMeasureId}, {@code reason} and the evidence ({@code agreementId}, {@code evidenceRef}) say so.
 *
 * @param activeFrom the instant from which its activities count; absent in events written before this field:
 *                   then the event's time
 */
public record LeadMeasureActivated(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String activityType,
                                   int weeklyTarget, UUID replacesLeadMeasureId, String reason, UUID agreementId,
                                   String evidenceRef, Instant activeFrom) implements LeadMeasureEvent {

    /** An activation without {@code activeFrom}, as written before the field existed: it counts from the event's time. */
    public LeadMeasureActivated(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String activityType,
                                int weeklyTarget, UUID replacesLeadMeasureId, String reason, UUID agreementId,
                                String evidenceRef) {
        this(leadMeasureId, wigId, teamId, unitId, activityType, weeklyTarget, replacesLeadMeasureId, reason,
                agreementId, evidenceRef, null);
    }
}
