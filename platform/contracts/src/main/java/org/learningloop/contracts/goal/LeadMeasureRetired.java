package org.learningloop.contracts.goal;

import java.util.UUID;

/**
 * The lead measure was retired, with the reason; when another replaced it in the same decision,
 * {@code replacedByLeadMeasureId} and the evidence ({@code agreementId}, {@code evidenceRef}) say so.
 */
public record LeadMeasureRetired(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String reason,
                                 UUID replacedByLeadMeasureId, UUID agreementId, String evidenceRef)
        implements LeadMeasureEvent {
}
