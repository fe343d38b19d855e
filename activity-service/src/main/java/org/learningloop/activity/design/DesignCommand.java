package org.learningloop.activity.design;

import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.Frames;

import java.util.List;
import java.util.UUID;

/**
 * What can be asked of a pedagogical design. What is known of the reference data (activity types,
 * segments) and of other designs comes in with the command; the decider reads nothing else.
 */
public sealed interface DesignCommand {

    UUID designId();

    /**
     * Create version 1 of a design for a unit, owned by a team.
     *
     * @param activityTypeKnown whether {@code activityType} is an activity type
     * @param unknownSegments   those of {@code segments} that are no segment
     */
    record CreateDesign(UUID designId, UUID unitId, UUID teamId, String name, String activityType,
                        boolean activityTypeKnown, UUID leadMeasureId, List<String> segments,
                        List<String> unknownSegments, String intention, Frames frames, Content content,
                        String hypothesis) implements DesignCommand {
    }

    /**
     * Record a new version holding the given elements ({@code null}: unchanged).
     *
     * @param agreementId the workplace meeting's agreement that decided it, or {@code null}
     */
    record ReviseDesign(UUID designId, String intention, Frames frames, Content content, String hypothesis,
                        String rationale, UUID agreementId) implements DesignCommand {
    }

    /**
     * Create a new design (version 1) from a version of another, for other segments.
     *
     * @param designId        the new design
     * @param source          the design forked from, as its stream says
     * @param version         the version to fork, or {@code null} for the current one
     * @param unknownSegments those of {@code segments} that are no segment
     * @param name            the new design's name, or {@code null} for the source's
     */
    record ForkDesign(UUID designId, DesignState source, Integer version, List<String> segments,
                      List<String> unknownSegments, String name, String rationale, UUID agreementId)
            implements DesignCommand {
    }

    /** Retire the design: no new activities may use it; its versions stay readable. */
    record RetireDesign(UUID designId, String reason, UUID agreementId) implements DesignCommand {
    }
}
