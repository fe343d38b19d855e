package org.learningloop.contracts.goal;

import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventType;

import java.util.List;

/** The event types goal-service publishes on {@code loop.goals}. */
public final class GoalEvents {

    public static final String TOPIC = "loop.goals";

    public static final EventType<WigDefined> WIG_DEFINED =
            new EventType<>("goal.wig-defined", 1, WigDefined.class);
    public static final EventType<LagReadingRecorded> LAG_READING_RECORDED =
            new EventType<>("goal.lag-reading-recorded", 1, LagReadingRecorded.class);
    public static final EventType<LagReadingCorrected> LAG_READING_CORRECTED =
            new EventType<>("goal.lag-reading-corrected", 1, LagReadingCorrected.class);

    public static final EventCatalog CATALOG =
            EventCatalog.of(List.of(WIG_DEFINED, LAG_READING_RECORDED, LAG_READING_CORRECTED));

    private GoalEvents() {
    }
}
