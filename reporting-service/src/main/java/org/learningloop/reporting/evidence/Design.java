package org.learningloop.reporting.evidence;

import java.util.List;
import java.util.UUID;

/**
 * A design as the catalogue knows it: what a recommendation may tell a team to use. A retired design cannot be
 * planned (activity-service refuses it), and a design is planned at its current {@code version}.
 *
 * @param segments the segments it targets ({@code activity.design-created} or {@code -forked})
 */
public record Design(UUID designId, String name, String activityType, List<String> segments, int version,
                     boolean retired) {

    /** Whether a team could plan it today for an activity of {@code activityType} in {@code segment}. */
    public boolean plannableIn(String activityType, String segment) {
        return !retired && activityType.equals(this.activityType) && segments.contains(segment);
    }
}
