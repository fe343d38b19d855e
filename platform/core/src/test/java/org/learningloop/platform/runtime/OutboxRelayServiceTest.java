package org.learningloop.platform.runtime;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.eventstore.RecordedEvent;
import org.learningloop.testing.IdentityResource;
import org.learningloop.testing.KafkaResource;
import org.learningloop.testing.PostgresResource;
import org.learningloop.testing.TopicReader;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.platform.TestEvents.event;

/** The service's relay gets the shared Kafka client settings ({@code kafka.*}) and publishes with them. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(IdentityResource.class)
class OutboxRelayServiceTest {

    @Inject
    @Readiness
    OutboxRelayService service;

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenKafkaClientSetting_thenTheRelaysProducerHasItAndKeepsItsOwnDeliverySettings() {
        assertThat(service.relay().producerConfig())
                .containsEntry("metadata.max.age.ms", "123456")
                .containsEntry("bootstrap.servers", kafka)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("key.serializer", "org.apache.kafka.common.serialization.StringSerializer")
                .doesNotContainKey("group.id");
    }

    @Test
    void givenEventAppended_thenTheRelayPublishesIt() {
        UUID team = UUID.randomUUID();
        RecordedEvent stored = pool.withTransaction(tx -> store.append(tx, "s", "s-" + team, 0, List.of(event(team, 1))))
                .await().indefinitely().get(0);

        List<ConsumerRecord<String, String>> records = TopicReader.readAtLeast(kafka, "test.platform-runtime", 1);

        assertThat(records).extracting(r -> TopicReader.header(r, "ce_id")).contains(stored.eventId().toString());
    }
}
