package org.learningloop.contracts.goal;

import java.util.UUID;

/**
 * The lead measure became active: from now on its activities count. When it replaces another,
 * {@code replacesLeadMeasureId}, {@code reason} and the evidence ({@code agreementId}, {@code evidenceRef}) say so.
 */
public record LeadMeasureActivated(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String activityType,
                                   int weeklyTarget, UUID replacesLeadMeasureId, String reason, UUID agreementId,
                                   String evidenceRef) implements LeadMeasureEvent {
}
