package org.learningloop.learning;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.observability.LoopMetrics;

/** learning-service's wiring of the platform. */
public class LearningBeans {

    /** The events learning-service consumes: activity-service's and goal-service's. */
    @Produces
    @ApplicationScoped
    Inbox inbox(Pool pool, LoopMetrics metrics) {
        return new Inbox(pool,
                EventCatalog.union(ActivityEvents.CATALOG, GoalEvents.CATALOG), metrics);
    }
}
