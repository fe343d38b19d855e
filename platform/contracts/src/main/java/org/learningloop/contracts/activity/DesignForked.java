package org.learningloop.contracts.activity;

import java.util.List;
import java.util.UUID;

/** A new design (version 1) was forked from a version of another, for other segments. */
public record DesignForked(UUID designId, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                           List<String> segments, String intention, Frames frames, Content content, String hypothesis,
                           UUID forkedFromDesignId, int forkedFromVersion, String rationale, UUID agreementId)
        implements DesignEvent {
}
