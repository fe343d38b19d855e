package org.learningloop.platform.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.learningloop.platform.inbox.Inbox;

/**
 * Keeps the service's {@link OrganisationReplica} from {@code loop.goals}, in a consumer group of its own
 * ({@code <service>.organisation}): a service that starts keeping the replica reads the topic (kept forever) from
 * its beginning, so the organisation as it stands is there before the first request needs it. Built into a
 * service whose {@code application.properties} says {@code learning-loop.organisation-replica=true} and configures
 * the channel {@code organisation} (goal-service owns the organisation and has neither).
 */
@ApplicationScoped
@IfBuildProperty(name = "learning-loop.organisation-replica", stringValue = "true")
public class OrganisationFollower {

    private final Inbox inbox;
    private final OrganisationReplica replica;
    private final String consumer;

    public OrganisationFollower(Inbox inbox, OrganisationReplica replica,
                                @org.eclipse.microprofile.config.inject.ConfigProperty(name = "loop.service-name")
                                String service) {
        this.inbox = inbox;
        this.replica = replica;
        this.consumer = service + ".organisation";
    }

    @Incoming("organisation")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(consumer, record, replica::apply);
    }
}
