package org.learningloop.activity;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.security.OrganisationReplica;

/** Keeps activity-service's replica of the organisation (who belongs to which team and unit) from {@code loop.goals}. */
@ApplicationScoped
public class OrganisationFollower {

    static final String CONSUMER = "activity-service.organisation";

    private final Inbox inbox;
    private final OrganisationReplica replica;

    public OrganisationFollower(Inbox inbox, OrganisationReplica replica) {
        this.inbox = inbox;
        this.replica = replica;
    }

    @Incoming("organisation")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, replica::apply);
    }
}
