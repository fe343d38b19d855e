package org.learningloop.contracts.activity;

import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventType;

import java.util.List;

/** The event types activity-service publishes on {@code loop.activities}. */
public final class ActivityEvents {

    public static final String TOPIC = "loop.activities";

    public static final EventType<ActivityCarriedOut> ACTIVITY_CARRIED_OUT =
            new EventType<>("activity.carried-out", 1, ActivityCarriedOut.class);

    public static final EventType<ActivityPlanned> ACTIVITY_PLANNED =
            new EventType<>("activity.planned", 1, ActivityPlanned.class);
    public static final EventType<ActivityEvaluated> ACTIVITY_EVALUATED =
            new EventType<>("activity.evaluated", 1, ActivityEvaluated.class);
    public static final EventType<ActivityCancelled> ACTIVITY_CANCELLED =
            new EventType<>("activity.cancelled", 1, ActivityCancelled.class);
    public static final EventType<FeedbackGiven> FEEDBACK_GIVEN =
            new EventType<>("activity.feedback-given", 1, FeedbackGiven.class);
    public static final EventType<DesignCreated> DESIGN_CREATED =
            new EventType<>("activity.design-created", 1, DesignCreated.class);
    public static final EventType<DesignRevised> DESIGN_REVISED =
            new EventType<>("activity.design-revised", 1, DesignRevised.class);
    public static final EventType<DesignForked> DESIGN_FORKED =
            new EventType<>("activity.design-forked", 1, DesignForked.class);
    public static final EventType<DesignRetired> DESIGN_RETIRED =
            new EventType<>("activity.design-retired", 1, DesignRetired.class);

    public static final EventCatalog CATALOG = EventCatalog.of(List.of(
            DESIGN_CREATED, DESIGN_REVISED, DESIGN_FORKED, DESIGN_RETIRED,
            ACTIVITY_PLANNED, ACTIVITY_CARRIED_OUT, ACTIVITY_EVALUATED, ACTIVITY_CANCELLED, FEEDBACK_GIVEN));

    private ActivityEvents() {
    }
}
