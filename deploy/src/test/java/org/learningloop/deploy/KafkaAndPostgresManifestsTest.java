package org.learningloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Strimzi (Kafka, node pool, topics) and CloudNativePG (cluster, databases) in the overlays, and what prod and dev promise. */
class KafkaAndPostgresManifestsTest {

    static List<String> overlays() {
        return Kustomize.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void topics_are_exactly_those_the_services_ensure(String overlay) {
        Set<String> expected = new TreeSet<>();
        Repo.services().forEach(service -> expected.addAll(ServiceConfig.of(service).ensuredTopics()));
        assertThat(expected).as("the services ensure the text keys' topic (ADR 18)").contains(org.learningloop.platform.privacy.TextKeys.TOPIC);
        assertThat(topicNames(Rendered.of(overlay))).as("%s: KafkaTopic names vs the services' loop.topics.ensure", overlay)
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void topics_keep_events_forever_like_the_services_create_them(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        String kafka = Yaml.name(rendered.single("Kafka"));
        int brokers = brokers(rendered);
        String partitions = LoopConfigKeys.all().get("loop.topics.partitions").orElseThrow();
        for (JsonNode topic : rendered.ofKind("KafkaTopic")) {
            String name = topicName(topic);
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).as("%s topic %s cluster", overlay, name).isEqualTo(kafka);
            // events forever; dead letters (copies of refused events, free text included) as long as the services keep them
            String retention = name.startsWith(org.learningloop.platform.runtime.TopicSetup.DEAD_LETTER_PREFIX)
                    ? Long.toString(ServiceConfig.parseDuration(LoopConfigKeys.all().get("loop.topics.dead-letter-retention")
                            .orElseThrow()).toMillis())
                    : "-1";
            assertThat(Yaml.text(topic, "/spec/config/retention.ms")).as("%s %s retention.ms", overlay, name).contains(retention);
            assertThat(Yaml.text(topic, "/spec/config/retention.bytes")).as("%s %s retention.bytes", overlay, name).contains("-1");
            if (name.equals(org.learningloop.platform.privacy.TextKeys.TOPIC)) {
                // the keys of sealed free text (ADR 18): compacted, so a deleted key's tombstone removes it within the hour
                org.learningloop.platform.runtime.TopicSetup.KEYS_TOPIC_CONFIG.forEach((key, value) ->
                        assertThat(Yaml.text(topic, "/spec/config/" + key)).as("%s %s %s, as the services create it", overlay, name, key)
                                .contains(value));
            } else {
                assertThat(Yaml.text(topic, "/spec/config/cleanup.policy")).as("%s %s cleanup.policy", overlay, name).contains("delete");
            }
            assertThat(Yaml.text(topic, "/spec/partitions")).as("%s %s partitions: loop.topics.partitions' default, as the services create them",
                    overlay, name).contains(partitions);
            int replicas = topic.at("/spec/replicas").asInt();
            int minIsr = Integer.parseInt(Yaml.text(topic, "/spec/config/min.insync.replicas").orElse("1"));
            assertThat(replicas).as("%s %s replicas ≤ brokers (%d)", overlay, name, brokers).isBetween(1, brokers);
            assertThat(minIsr).as("%s %s min.insync.replicas ≤ replicas", overlay, name).isBetween(1, replicas);
            if (replicas > 1) {
                assertThat(minIsr).as("%s %s min.insync.replicas < replicas, so one broker may be down", overlay, name).isLessThan(replicas);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafka_is_kraft_with_a_node_pool_and_no_auto_creation(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode kafka = rendered.single("Kafka");
        assertThat(Yaml.text(kafka, "/spec/kafka/config/auto.create.topics.enable")).as("%s auto.create.topics.enable", overlay).contains("false");
        int brokers = brokers(rendered);
        assertThat(brokers).as("%s brokers", overlay).isPositive();
        Set<String> roles = new TreeSet<>();
        for (JsonNode pool : rendered.ofKind("KafkaNodePool")) {
            assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText()).as("%s node pool %s cluster", overlay, Yaml.name(pool))
                    .isEqualTo(Yaml.name(kafka));
            roles.addAll(Yaml.texts(pool.at("/spec/roles")));
        }
        assertThat(roles).as("%s KRaft: controllers and brokers", overlay).contains("controller", "broker");
        for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
            assertThat(Integer.parseInt(Yaml.requireText(kafka, "/spec/kafka/config/" + key, overlay)))
                    .as("%s %s ≤ brokers", overlay, key).isBetween(1, brokers);
        }
        assertThat(kafka.at("/spec/entityOperator/topicOperator").isObject()).as("%s runs the topic operator", overlay).isTrue();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void postgres_has_a_database_per_service_owned_by_its_role(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> expected = new TreeSet<>();
        Repo.services().forEach(service -> expected.add(ServiceConfig.of(service).databaseName()));
        Set<String> databases = new TreeSet<>();
        rendered.ofKind("Database").forEach(d -> databases.add(d.at("/spec/name").asText()));
        assertThat(databases).as("%s CloudNativePG Databases", overlay).isEqualTo(expected);
        for (JsonNode database : rendered.ofKind("Database")) {
            assertThat(Yaml.text(database, "/spec/databaseReclaimPolicy")).as("%s %s is kept when the resource goes", overlay, Yaml.name(database))
                    .contains("retain");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void postgres_accepts_the_connections_of_every_replica_at_full_scale(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        int needed = 10; // superuser_reserved_connections and the operator's own
        for (String service : Repo.services()) {
            ServiceConfig config = ServiceConfig.of(service);
            var env = rendered.environment(service);
            int perPod = Integer.parseInt(env.getOrDefault("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", config.require("quarkus.datasource.reactive.max-size")))
                    + Integer.parseInt(env.getOrDefault("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", config.require("quarkus.datasource.jdbc.max-size")));
            int pods = rendered.get("HorizontalPodAutoscaler", service).at("/spec/maxReplicas").asInt()
                    + rendered.get("Deployment", service).at("/spec/strategy/rollingUpdate/maxSurge").asInt(1);
            needed += pods * perPod;
        }
        int maxConnections = Integer.parseInt(Yaml.text(rendered.single("Cluster"), "/spec/postgresql/parameters/max_connections").orElse("100"));
        assertThat(maxConnections).as("%s PostgreSQL max_connections vs the services' pools at the autoscalers' maximum (+1 surge pod)", overlay)
                .isGreaterThanOrEqualTo(needed);
    }

    @Test
    void prod_replicates_everything() {
        Rendered prod = Rendered.of("prod");
        for (JsonNode topic : prod.ofKind("KafkaTopic")) {
            assertThat(topic.at("/spec/replicas").asInt()).as("prod topic %s replicas", topicName(topic)).isEqualTo(3);
            assertThat(Yaml.text(topic, "/spec/config/min.insync.replicas")).as("prod topic %s min.insync.replicas", topicName(topic)).contains("2");
        }
        JsonNode kafka = prod.single("Kafka");
        assertThat(brokers(prod)).as("prod brokers").isGreaterThanOrEqualTo(3);
        assertThat(Yaml.text(kafka, "/spec/kafka/config/default.replication.factor")).as("prod default.replication.factor").contains("3");
        assertThat(Yaml.text(kafka, "/spec/kafka/config/min.insync.replicas")).as("prod min.insync.replicas").contains("2");
        assertThat(Yaml.text(kafka, "/spec/kafka/config/offsets.topic.replication.factor")).as("prod offsets.topic.replication.factor").contains("3");
        assertThat(prod.single("Cluster").at("/spec/instances").asInt()).as("prod PostgreSQL instances").isGreaterThanOrEqualTo(3);
        // a failover must not lose an acknowledged commit whose events may be on Kafka already (ADR 13)
        JsonNode synchronous = prod.single("Cluster").at("/spec/postgresql/synchronous");
        assertThat(synchronous.path("method").asText()).as("prod synchronous replication method").isIn("any", "first");
        assertThat(synchronous.path("number").asInt()).as("prod synchronous standbys")
                .isBetween(1, prod.single("Cluster").at("/spec/instances").asInt() - 1);
        assertThat(synchronous.path("dataDurability").asText("required")).as("prod data durability").isEqualTo("required");
        for (String service : Repo.services()) {
            assertThat(prod.get("Deployment", service).at("/spec/replicas").asInt()).as("prod %s replicas", service).isGreaterThanOrEqualTo(2);
            assertThat(prod.get("PodDisruptionBudget", service).at("/spec/minAvailable").asInt()).as("prod %s PDB minAvailable", service).isEqualTo(1);
        }
        assertThat(prod.ofKind("Secret")).as("prod carries no Secret: ops create the database Secrets (deploy/README.md)").isEmpty();
    }

    @Test
    void dev_is_one_of_everything_and_smaller_than_prod() {
        Rendered dev = Rendered.of("dev");
        Rendered prod = Rendered.of("prod");
        assertThat(brokers(dev)).as("dev brokers").isEqualTo(1);
        dev.ofKind("KafkaTopic").forEach(topic -> assertThat(topic.at("/spec/replicas").asInt()).as("dev topic %s replicas", topicName(topic)).isEqualTo(1));
        assertThat(dev.single("Cluster").at("/spec/instances").asInt()).as("dev PostgreSQL instances").isEqualTo(1);
        for (String service : Repo.services()) {
            assertThat(dev.get("Deployment", service).at("/spec/replicas").asInt()).as("dev %s replicas", service).isEqualTo(1);
            for (String pointer : List.of("/requests/cpu", "/requests/memory", "/limits/cpu", "/limits/memory")) {
                var small = KubernetesManifestsTest.amount(Yaml.requireText(dev.container(service).path("resources"), pointer, "dev " + service));
                var large = KubernetesManifestsTest.amount(Yaml.requireText(prod.container(service).path("resources"), pointer, "prod " + service));
                assertThat(small).as("%s %s: dev ≤ prod", service, pointer).isLessThanOrEqualTo(large);
            }
        }
    }

    static Set<String> topicNames(Rendered rendered) {
        Set<String> names = new TreeSet<>();
        rendered.ofKind("KafkaTopic").forEach(topic -> names.add(topicName(topic)));
        return names;
    }

    /** Strimzi: spec.topicName, else the resource's name. */
    static String topicName(JsonNode topic) {
        return Yaml.text(topic, "/spec/topicName").orElse(Yaml.name(topic));
    }

    /** Nodes with the broker role, over all node pools. */
    static int brokers(Rendered rendered) {
        return rendered.ofKind("KafkaNodePool").stream()
                .filter(pool -> Yaml.texts(pool.at("/spec/roles")).contains("broker"))
                .mapToInt(pool -> pool.at("/spec/replicas").asInt()).sum();
    }
}
