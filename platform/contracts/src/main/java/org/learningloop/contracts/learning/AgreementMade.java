package org.learningloop.contracts.learning;

import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.Frames;

import java.util.List;
import java.util.UUID;

/**
 * An agreement of a closed workplace meeting (APT), published when the meeting closes. Keyed by the
 * unit, as every event of the meeting's stream ({@code teamId} names the team it concerns). For {@code replace-lead-measure}, goal-service
 * retires {@code leadMeasureId} and activates {@code replacementLeadMeasureId} (a proposed lead
 * measure of the same WIG), recording this agreement as the cause.
 *
 * For {@code revise-design}, the design elements agreed to change ({@code intention}, {@code frames},
 * {@code content}, {@code hypothesis}); absent ones stay as they are. activity-service records them as
 * the design's next version.
 *
 * @param learningIds the learnings it rests on
 * @param activityIds the activities it rests on
 */
public record AgreementMade(UUID agreementId, UUID workplaceMeetingId, UUID unitId, UUID teamId, String month,
                            AgreementKind kind, UUID designId, UUID leadMeasureId, UUID replacementLeadMeasureId,
                            String segment, String rationale, List<UUID> learningIds, List<UUID> activityIds,
                            String intention, Frames frames, Content content, String hypothesis)
        implements LearningEvent {

    /** The unit: every event of a workplace meeting's stream has the unit as key (one stream, one partition). */
    @Override
    public String subject() {
        return unitId().toString();
    }
}
