package org.learningloop.platform.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.IdentityResource;
import org.learningloop.testing.KafkaResource;
import org.learningloop.testing.PostgresResource;
import org.learningloop.testing.TopicReader;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The lag of each consumer group of the service, from the broker (issue 16). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(IdentityResource.class)
class ConsumerLagTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    MeterRegistry registry;

    @Test
    void aGroupsLag_isTheRecordsAfterItsCommittedOffsets() throws Exception {
        String topic = "lag-test-" + UUID.randomUUID();
        String group = "lag-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                TopicReader.write(kafka, topic, "k" + i, "v" + i);
            }
            TopicPartition partition = new TopicPartition(topic, 0);
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(2)))
                    .all().get(30, TimeUnit.SECONDS);
            assertThat(ConsumerLag.lag(admin, group)).as("five records, two committed").isEqualTo(3);

            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(5)))
                    .all().get(30, TimeUnit.SECONDS);
            assertThat(ConsumerLag.lag(admin, group)).isZero();
        }
    }

    @Test
    void everyIncomingChannelsGroup_hasItsLagGauge() {
        assertThat(registry.find("loop.consumer.lag.records").tag("group", "platform-test.text-keys").gauge())
                .isNotNull();
    }
}
