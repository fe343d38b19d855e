package org.learningloop.contracts.learning;

import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.Frames;

import java.util.List;
import java.util.UUID;

/**
 * An open workplace meeting (APT) recorded an agreement; it takes effect when the meeting closes
 * ({@code learning.agreement-made.v1}, same fields). Keyed by the unit, as every event of the meeting's stream.
 *
 * @param agreementId assigned when the agreement is recorded
 */
public record AgreementRecorded(UUID agreementId, UUID workplaceMeetingId, UUID unitId, UUID teamId, String month,
                                AgreementKind kind, UUID designId, UUID leadMeasureId, UUID replacementLeadMeasureId,
                                String segment, String rationale, List<UUID> learningIds, List<UUID> activityIds,
                                String intention, Frames frames, Content content, String hypothesis)
        implements LearningEvent {

    /** The agreement as published when the meeting closes. */
    public AgreementMade made() {
        return new AgreementMade(agreementId, workplaceMeetingId, unitId, teamId, month, kind, designId, leadMeasureId,
                replacementLeadMeasureId, segment, rationale, learningIds, activityIds, intention, frames, content,
                hypothesis);
    }

    /** The unit: every event of a workplace meeting's stream has the unit as key (one stream, one partition). */
    @Override
    public String subject() {
        return unitId().toString();
    }
}
