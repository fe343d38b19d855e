package org.learningloop.reporting.projection;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections' consumers get the service's shared Kafka client settings ({@code kafka.*}, as security
 * settings come from the environment) and keep their own offset handling.
 */
@QuarkusTest
@TestProfile(ProjectionClientConfigTest.WithClientSetting.class)
class ProjectionClientConfigTest {

    /** A harmless client setting that only the shared Kafka client configuration can carry to the runners. */
    public static class WithClientSetting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.metadata.max.age.ms", "123456");
        }
    }

    @Inject
    ProjectionRuntime runtime;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenKafkaClientSetting_thenEveryRunnersConsumerHasItAndKeepsItsOwnOffsetHandling() {
        assertThat(runtime.runners()).isNotEmpty().allSatisfy(runner -> assertThat(runner.consumerConfig())
                .containsEntry("metadata.max.age.ms", "123456")
                .containsEntry("bootstrap.servers", kafka)
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer")
                .doesNotContainKey("group.id"));
    }
}
