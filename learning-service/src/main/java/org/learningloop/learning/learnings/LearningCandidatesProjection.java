package org.learningloop.learning.learnings;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;

/**
 * Turns every improvement proposal of {@code activity.evaluated} on {@code loop.activities} into an
 * open learning candidate, once (inbox, and candidate ids derived from the activity and the
 * proposal's position). Other activity events are not needed yet.
 */
@ApplicationScoped
public class LearningCandidatesProjection {

    static final String CONSUMER = "learning-service.activities";

    private final Inbox inbox;
    private final Candidates candidates;

    public LearningCandidatesProjection(Inbox inbox, Candidates candidates) {
        this.inbox = inbox;
        this.candidates = candidates;
    }

    @Incoming("activities")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, this::apply);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        if (incoming.event() instanceof ActivityEvaluated evaluated) {
            return candidates.propose(tx, evaluated, incoming.time());
        }
        return Uni.createFrom().voidItem();
    }
}
