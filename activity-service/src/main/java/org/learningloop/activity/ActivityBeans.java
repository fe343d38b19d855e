package org.learningloop.activity;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.observability.LoopMetrics;

/** activity-service's wiring of the platform. */
public class ActivityBeans {

    /** The events activity-service consumes: its own, and learning-service's (agreements about designs). */
    @Produces
    @ApplicationScoped
    Inbox inbox(Pool pool, LoopMetrics metrics) {
        return new Inbox(pool,
                EventCatalog.union(ActivityEvents.CATALOG, LearningEvents.CATALOG, GoalEvents.CATALOG), metrics);
    }
}
