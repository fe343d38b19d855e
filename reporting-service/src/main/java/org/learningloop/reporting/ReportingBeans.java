package org.learningloop.reporting;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.observability.LoopMetrics;

/** reporting-service's wiring of the platform. */
public class ReportingBeans {

    /** Every published event type: reporting-service projects all three topics. */
    public static final EventCatalog CATALOG = EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG,
            LearningEvents.CATALOG);

    @Produces
    @ApplicationScoped
    Inbox inbox(Pool pool, LoopMetrics metrics) {
        return new Inbox(pool, CATALOG, metrics);
    }
}
