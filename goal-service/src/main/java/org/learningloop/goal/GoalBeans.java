package org.learningloop.goal;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.observability.LoopMetrics;

/** goal-service's wiring of the platform. */
public class GoalBeans {

    /** The events goal-service consumes: its own (read models), activity-service's (lead measure actuals), learning-service's (agreements). */
    @Produces
    @ApplicationScoped
    Inbox inbox(Pool pool, LoopMetrics metrics) {
        return new Inbox(pool,
                EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG, LearningEvents.CATALOG), metrics);
    }
}
