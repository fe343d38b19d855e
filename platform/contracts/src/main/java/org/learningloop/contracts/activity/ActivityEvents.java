package org.learningloop.contracts.activity;

import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventType;

import java.util.List;

/** The event types activity-service publishes on {@code loop.activities}. */
public final class ActivityEvents {

    public static final String TOPIC = "loop.activities";

    public static final EventType<ActivityCarriedOut> ACTIVITY_CARRIED_OUT =
            new EventType<>("activity.carried-out", 1, ActivityCarriedOut.class);

    public static final EventCatalog CATALOG = EventCatalog.of(List.of(ACTIVITY_CARRIED_OUT));

    private ActivityEvents() {
    }
}
