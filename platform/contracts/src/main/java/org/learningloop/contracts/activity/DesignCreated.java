package org.learningloop.contracts.activity;

import java.util.List;
import java.util.UUID;

/** Version 1 of a design was created for a unit, owned by a team, for one activity type and target segments. */
public record DesignCreated(UUID designId, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                            List<String> segments, String intention, Frames frames, Content content, String hypothesis)
        implements DesignEvent {
}
