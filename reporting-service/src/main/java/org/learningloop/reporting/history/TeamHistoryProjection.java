package org.learningloop.reporting.history;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;

/**
 * The {@code team-history} projection: every event of {@code loop.goals}, {@code loop.activities}
 * and {@code loop.learning} becomes one history entry, once (inbox); {@code goal.team-created}
 * also records the team's unit, so the team's history includes the unit's unit-wide events.
 */
@ApplicationScoped
public class TeamHistoryProjection {

    public static final String NAME = "team-history";
    public static final String CONSUMER = "reporting-service.team-history";

    private final Inbox inbox;
    private final TeamHistory history;

    public TeamHistoryProjection(Inbox inbox, TeamHistory history) {
        this.inbox = inbox;
        this.history = history;
    }

    @Incoming("team-history")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, this::apply);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        return history.append(tx, incoming);
    }
}
