package org.learningloop.platform.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.learningloop.infra.KafkaBroker;
import org.learningloop.testing.Infrastructure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services create their topics as ADR 3 says, on a real broker: events kept forever, dead letters (copies of
 * refused events, free text included) only as long as {@code loop.topics.dead-letter-retention} (docs/privacy.md).
 */
class TopicSetupTest {

    @Test
    void eventTopicsKeepEverything_deadLetterTopicsKeepRecordsForTheirRetention() throws Exception {
        KafkaBroker kafka = Infrastructure.kafka();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String events = "test.events-" + suffix;
        String deadLetters = TopicSetup.DEAD_LETTER_PREFIX + "test-" + suffix;

        TopicSetup.ensure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                List.of(events, deadLetters), 2, (short) 1, null, Duration.ofDays(7));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            var configs = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, events),
                    new ConfigResource(ConfigResource.Type.TOPIC, deadLetters))).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, events)).get("retention.ms").value())
                    .isEqualTo("-1");
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, deadLetters)).get("retention.ms").value())
                    .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, events)).get("retention.bytes").value())
                    .isEqualTo("-1");
        }
    }
}
