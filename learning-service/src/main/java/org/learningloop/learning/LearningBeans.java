package org.learningloop.learning;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.platform.inbox.Inbox;

/** learning-service's wiring of the platform. */
public class LearningBeans {

    /** The events learning-service consumes: activity-service's (evaluations become learning candidates). */
    @Produces
    @ApplicationScoped
    Inbox inbox(Pool pool) {
        return new Inbox(pool, ActivityEvents.CATALOG);
    }
}
