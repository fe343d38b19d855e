package org.learningloop.activity.loop;

import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignEvent;
import org.learningloop.contracts.activity.DesignForked;
import org.learningloop.contracts.activity.DesignRetired;
import org.learningloop.contracts.activity.DesignRevised;

import java.util.List;
import java.util.UUID;

/**
 * What planning an activity needs to know of a pedagogical design, folded from the design's published
 * events. Deliberately not the design aggregate (which belongs to the design package): a read-only fold
 * of the facts an activity depends on.
 *
 * @param exists         whether the design was created (or forked)
 * @param retired        whether it was retired: no new activities may use it
 * @param currentVersion its newest version (0 when it does not exist)
 * @param leadMeasureId  the lead measure the design serves, or {@code null}
 */
public record DesignFacts(UUID designId, boolean exists, boolean retired, int currentVersion, String activityType,
                          UUID teamId, UUID unitId, UUID leadMeasureId, List<String> segments) {

    public DesignFacts {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** A design nobody created. */
    public static DesignFacts none(UUID designId) {
        return new DesignFacts(designId, false, false, 0, null, null, null, null, List.of());
    }

    /** The facts after the design's events, oldest first. */
    public static DesignFacts of(UUID designId, List<? extends DesignEvent> events) {
        DesignFacts facts = none(designId);
        for (DesignEvent event : events) {
            facts = facts.after(event);
        }
        return facts;
    }

    private DesignFacts after(DesignEvent event) {
        if (event instanceof DesignCreated created) {
            return new DesignFacts(designId, true, false, 1, created.activityType(), created.teamId(), created.unitId(),
                    created.leadMeasureId(), created.segments());
        }
        if (event instanceof DesignForked forked) {
            return new DesignFacts(designId, true, false, 1, forked.activityType(), forked.teamId(), forked.unitId(),
                    forked.leadMeasureId(), forked.segments());
        }
        if (event instanceof DesignRevised revised) {
            return new DesignFacts(designId, exists, retired, Math.max(currentVersion, revised.version()), activityType,
                    teamId, unitId, leadMeasureId, segments);
        }
        if (event instanceof DesignRetired) {
            return new DesignFacts(designId, exists, true, currentVersion, activityType, teamId, unitId, leadMeasureId,
                    segments);
        }
        throw new IllegalArgumentException("Unhandled design event " + event.getClass().getSimpleName());
    }
}
