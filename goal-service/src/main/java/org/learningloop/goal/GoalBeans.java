package org.learningloop.goal;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.platform.inbox.Inbox;

/** goal-service's wiring of the platform. */
public class GoalBeans {

    /** The events goal-service consumes: for now its own, for its read models. */
    @Produces
    @ApplicationScoped
    Inbox inbox(Pool pool) {
        return new Inbox(pool, GoalEvents.CATALOG);
    }
}
