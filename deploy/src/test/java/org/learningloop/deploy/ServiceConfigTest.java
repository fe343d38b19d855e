package org.learningloop.deploy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readers the other checks rely on: if these went wrong, the drift checks could pass vacuously
 * (say, by declaring every key). Pinned to facts of the code that a deployment depends on.
 */
class ServiceConfigTest {

    @Test
    void derives_the_loop_keys_and_defaults_from_loop_config() {
        assertThat(LoopConfigKeys.all())
                .containsEntry("loop.service-name", Optional.empty())
                .containsEntry("loop.time-zone", Optional.of("Europe/Stockholm"))
                .containsEntry("loop.outbox.batch-size", Optional.of("500"))
                .containsEntry("loop.topics.create", Optional.of("true"))
                .containsEntry("loop.topics.min-insync-replicas", Optional.empty())
                .containsKey("loop.topics.ensure")
                .allSatisfy((key, value) -> assertThat(key).matches("loop(\\.[a-z][a-z0-9-]*)+"));
        assertThat(LoopConfigKeys.kebab("minInsyncReplicas")).isEqualTo("min-insync-replicas");
    }

    @Test
    void maps_environment_variables_to_declared_keys_only() {
        ServiceConfig goal = ServiceConfig.of("goal-service");
        assertThat(ServiceConfig.envName("quarkus.datasource.reactive.url")).isEqualTo("QUARKUS_DATASOURCE_REACTIVE_URL");
        assertThat(goal.keyOfEnv("LOOP_TOPICS_REPLICATION_FACTOR")).contains("loop.topics.replication-factor");
        assertThat(goal.keyOfEnv("QUARKUS_DATASOURCE_PASSWORD")).contains("quarkus.datasource.password");
        assertThat(goal.keyOfEnv("KAFKA_BOOTSTRAP_SERVERS")).contains("kafka.bootstrap.servers");
        assertThat(goal.keyOfEnv("QUARKUS_DATASOURCE_URL")).as("a key nobody declares").isEmpty();
        assertThat(goal.keyOfEnv("LOOP_TOPIC_PARTITIONS")).as("a misspelt variable").isEmpty();
        assertThat(goal.keyOfEnv("quarkus.http.port")).as("only the upper-case environment form").isEmpty();
        assertThat(goal.keyOfEnv("KAFKA_SASL_JAAS_CONFIG")).as("a Kafka client setting").contains("kafka.sasl.jaas.config");
        assertThat(goal.keyOfEnv("KAFKA_SSL_TRUSTSTORE_LOCATION")).contains("kafka.ssl.truststore.location");
        assertThat(goal.keyOfEnv("KAFKA_SASL_JAAS")).as("no Kafka client setting").isEmpty();
        assertThat(goal.keyOfEnv("KAFKA_SECURITY_PROTOKOL")).as("a misspelt Kafka setting").isEmpty();
    }

    @Test
    void the_identity_settings_listed_as_well_known_are_the_ones_the_platform_defaults_read() throws Exception {
        String defaults = java.nio.file.Files.readString(Repo.path(ServiceConfig.PLATFORM_DEFAULTS));
        ServiceConfig.WELL_KNOWN_KEYS.stream().filter(key -> key.startsWith("loop.oidc.")).forEach(key ->
                assertThat(defaults).as(key).contains("${" + ServiceConfig.envName(key) + ":"));
        assertThat(ServiceConfig.WELL_KNOWN_KEYS).contains("loop.oidc.issuer", "loop.oidc.audience");
    }

    @Test
    void reads_port_database_paths_topics_and_shutdown_of_a_service() {
        ServiceConfig goal = ServiceConfig.of("goal-service");
        assertThat(goal.httpPort()).isEqualTo(8081);
        assertThat(goal.databaseName()).isEqualTo("goal_service");
        assertThat(goal.livenessPath()).isEqualTo("/q/health/live");
        assertThat(goal.readinessPath()).isEqualTo("/q/health/ready");
        assertThat(goal.startupPath()).isEqualTo("/q/health/started");
        assertThat(goal.metricsPath()).isEqualTo("/q/metrics");
        assertThat(goal.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(goal.outboxTopic()).contains("loop.goals");
        assertThat(goal.incomingTopics()).contains("loop.goals", "loop.learning", "loop.activities");
        assertThat(goal.deadLetterTopics()).containsExactly("loop.dlq.goal-service");
        // the platform's text-keys channel (ADR 18), its expressions resolved like SmallRye Config does
        assertThat(goal.incomingTopics()).contains("loop.keys");
        assertThat(goal.value("mp.messaging.incoming.text-keys.group.id")).contains("goal-service.text-keys");
        assertThat(goal.ensuredTopics()).as("loop.topics.ensure and loop.keys, which TopicSetup adds")
                .contains("loop.goals", "loop.dlq.goal-service", "loop.keys");
        assertThat(ServiceConfig.expand("${a}-${b:x}-${c}", java.util.Map.of("a", "1"), 0)).isEqualTo("1-x-${c}");
        assertThat(ServiceConfig.of("reporting-service").outboxTopic()).as("reporting-service publishes nothing").isEmpty();
        assertThat(Repo.services()).containsExactly("goal-service", "activity-service", "learning-service", "reporting-service");
    }

    @Test
    void parses_database_urls_and_durations() {
        var url = ServiceConfig.parseDatabaseUrl("jdbc:postgresql://loop-postgres-rw:5432/goal_service?sslmode=require");
        assertThat(url).isEqualTo(new ServiceConfig.DatabaseUrl("loop-postgres-rw", 5432, "goal_service"));
        assertThat(ServiceConfig.parseDatabaseUrl("postgresql://postgres/x").port()).isEqualTo(5432);
        assertThat(ServiceConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ServiceConfig.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ServiceConfig.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
    }
}
