package org.learningloop.contracts.learning;

import java.util.List;
import java.util.UUID;

/**
 * An agreement of a closed workplace meeting (APT), published when the meeting closes. Keyed by the
 * team it concerns (the unit for unit-wide ones). For {@code replace-lead-measure}, goal-service
 * retires {@code leadMeasureId} and activates {@code replacementLeadMeasureId} (a proposed lead
 * measure of the same WIG), recording this agreement as the cause.
 *
 * @param learningIds the learnings it rests on
 * @param activityIds the activities it rests on
 */
public record AgreementMade(UUID agreementId, UUID workplaceMeetingId, UUID unitId, UUID teamId, String month,
                            AgreementKind kind, UUID designId, UUID leadMeasureId, UUID replacementLeadMeasureId,
                            String segment, String rationale, List<UUID> learningIds, List<UUID> activityIds)
        implements LearningEvent {
}
