package org.learningloop.learning.learnings;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.learning.loop.ActivityFacts;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;

/**
 * The consumer of {@code loop.activities}: turns every improvement proposal of {@code activity.evaluated}
 * into an open learning candidate, once (inbox, and candidate ids derived from the activity and the
 * proposal's position), and keeps the activity read model ({@link ActivityFacts}) in the same transaction.
 */
@ApplicationScoped
public class LearningCandidatesProjection {

    static final String CONSUMER = "learning-service.activities";

    private final Inbox inbox;
    private final Candidates candidates;
    private final ActivityFacts facts;

    public LearningCandidatesProjection(Inbox inbox, Candidates candidates, ActivityFacts facts) {
        this.inbox = inbox;
        this.candidates = candidates;
        this.facts = facts;
    }

    @Incoming("activities")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, this::apply);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        Uni<Void> candidatesProposed = incoming.event() instanceof ActivityEvaluated evaluated
                ? candidates.propose(tx, evaluated, incoming.time()) : Uni.createFrom().voidItem();
        return candidatesProposed.chain(() -> facts.apply(tx, incoming));
    }
}
