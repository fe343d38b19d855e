package org.learningloop.platform.runtime;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the service's {@code kafka.*} settings each kind of raw client gets. */
class KafkaClientConfigTest {

    private static final Map<String, Object> SECURITY = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
            "ssl.truststore.location", "/etc/kafka-ca/ca.p12",
            "ssl.truststore.password", "secret",
            "ssl.truststore.type", "PKCS12");

    private final KafkaClientConfig config = KafkaClientConfig.of(channelSettings(), "kafka-bootstrap:9093");

    @Test
    void givenSecuritySettings_thenEveryKindOfClientGetsThem() {
        assertThat(config.producer()).containsAllEntriesOf(SECURITY);
        assertThat(config.consumer()).containsAllEntriesOf(SECURITY);
        assertThat(config.admin()).containsAllEntriesOf(SECURITY);
    }

    @Test
    void givenBootstrapServers_thenEveryKindOfClientUsesThem() {
        assertThat(config.producer()).containsEntry("bootstrap.servers", "kafka-bootstrap:9093");
        assertThat(config.consumer()).containsEntry("bootstrap.servers", "kafka-bootstrap:9093");
        assertThat(config.admin()).containsEntry("bootstrap.servers", "kafka-bootstrap:9093");
        assertThat(config.bootstrapServers()).isEqualTo("kafka-bootstrap:9093");
    }

    @Test
    void givenChannelIdentityAndPayloadSettings_thenNoClientGetsThem() {
        for (Map<String, Object> client : java.util.List.of(config.producer(), config.consumer(), config.admin())) {
            assertThat(client).doesNotContainKeys("key.serializer", "value.serializer", "key.deserializer",
                    "value.deserializer", "group.id", "group.instance.id", "client.id", "transactional.id",
                    "interceptor.classes");
        }
    }

    @Test
    void givenSettingsOfOneKindOfClient_thenOnlyThatKindGetsThem() {
        assertThat(config.consumer()).containsEntry("auto.offset.reset", "latest");
        assertThat(config.producer()).doesNotContainKey("auto.offset.reset").containsEntry("linger.ms", "5");
        assertThat(config.consumer()).doesNotContainKey("linger.ms");
        assertThat(config.admin()).doesNotContainKeys("auto.offset.reset", "linger.ms");
    }

    @Test
    void givenNetworkSettingsAndQuarkusTlsConfiguration_thenEveryKindOfClientGetsThem() {
        for (Map<String, Object> client : java.util.List.of(config.producer(), config.consumer(), config.admin())) {
            assertThat(client).containsEntry("client.dns.lookup", "use_all_dns_ips")
                    .containsEntry("metadata.max.age.ms", "120000")
                    .containsEntry("tls-configuration-name", "kafka-tls");
        }
    }

    @Test
    void givenBlankOrUnknownSettings_thenNoClientGetsThem() {
        for (Map<String, Object> client : java.util.List.of(config.producer(), config.consumer(), config.admin())) {
            assertThat(client).doesNotContainKeys("sasl.kerberos.service.name", "devservices.enabled");
        }
    }

    @Test
    void eachCallGivesAMapOfItsOwn() {
        config.producer().put("acks", "0");

        assertThat(config.producer()).doesNotContainKey("acks");
    }

    /** What Quarkus' {@code default-kafka-broker} map holds for a service with channels and security settings. */
    private static Map<String, Object> channelSettings() {
        Map<String, Object> settings = new HashMap<>(SECURITY);
        settings.put("bootstrap.servers", "ignored-in-favour-of-the-explicit-one:9092");
        settings.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        settings.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        settings.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        settings.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        settings.put("group.id", "goal-service");
        settings.put("group.instance.id", "goal-service-0");
        settings.put("client.id", "goal-service");
        settings.put("transactional.id", "goal-service-tx");
        settings.put("interceptor.classes", "com.example.Interceptor");
        settings.put("auto.offset.reset", "latest");
        settings.put("linger.ms", "5");
        settings.put("client.dns.lookup", "use_all_dns_ips");
        settings.put("metadata.max.age.ms", "120000");
        settings.put("tls-configuration-name", "kafka-tls");
        settings.put("sasl.kerberos.service.name", " ");
        settings.put("devservices.enabled", "false");
        return settings;
    }
}
