package org.learningloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
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
            assertThat(prod.get("HorizontalPodAutoscaler", service).at("/spec/minReplicas").asInt(1)).as("prod %s replicas (the HPA's minimum)", service)
                    .isGreaterThanOrEqualTo(2);
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
            assertThat(dev.get("HorizontalPodAutoscaler", service).at("/spec/minReplicas").asInt(1)).as("dev %s replicas (the HPA's minimum)", service)
                    .isEqualTo(1);
            for (String pointer : List.of("/requests/cpu", "/requests/memory", "/limits/cpu", "/limits/memory")) {
                var small = KubernetesManifestsTest.amount(Yaml.requireText(dev.container(service).path("resources"), pointer, "dev " + service));
                var large = KubernetesManifestsTest.amount(Yaml.requireText(prod.container(service).path("resources"), pointer, "prod " + service));
                assertThat(small).as("%s %s: dev ≤ prod", service, pointer).isLessThanOrEqualTo(large);
            }
        }
    }

    // ---- operator versions --------------------------------------------------------------------------------

    /**
     * The Kafka versions each Strimzi release accepts, from {@code kafka-versions.yaml} (entries with
     * {@code supported: true}) at the release's tag in strimzi/strimzi-kafka-operator; patch releases of a minor
     * accept the same. 1.2 is the newest release (August 2026). Add a release here before documenting it.
     */
    static final Map<String, Set<String>> STRIMZI_KAFKA_VERSIONS = Map.of(
            "0.49", Set.of("4.0.0", "4.0.1", "4.1.0", "4.1.1"),
            "0.50", Set.of("4.0.0", "4.0.1", "4.1.0", "4.1.1"),
            "0.51", Set.of("4.1.0", "4.1.1", "4.2.0"),
            "1.0", Set.of("4.1.0", "4.1.1", "4.1.2", "4.2.0"),
            "1.1", Set.of("4.2.0", "4.2.1", "4.3.0"),
            "1.2", Set.of("4.2.0", "4.2.1", "4.3.0", "4.3.1"));
    static final String NEWEST_STRIMZI = "1.2";

    /**
     * What the manifests need of CloudNativePG, with the release that brought it: the Database resource and
     * quorum synchronous replication with dataDurability (1.25), the Barman Cloud Plugin (it requires 1.26).
     */
    static final String CNPG_DATABASE = "1.25";
    static final String CNPG_BARMAN_CLOUD_PLUGIN = "1.26";
    static final String BARMAN_CLOUD_PLUGIN = "barman-cloud.cloudnative-pg.io";

    /** The row of deploy/README.md's operator table for an operator ({@code | Strimzi | ...}). */
    static String readmeRow(String operator) {
        return Repo.read(OpsReadmeTest.README).lines().filter(line -> line.startsWith("| " + operator + " |")).findFirst()
                .orElseThrow(() -> new AssertionError(OpsReadmeTest.README + " has no row | " + operator + " | in its operator versions"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafka_version_is_one_every_documented_strimzi_release_accepts(String overlay) {
        String row = readmeRow("Strimzi");
        Set<String> documented = new TreeSet<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("`(\\d+\\.\\d+)\\.x`").matcher(row);
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }
        assertThat(documented).as("the Strimzi releases deploy/README.md documents (`<major>.<minor>.x`)").isNotEmpty()
                .contains(NEWEST_STRIMZI);
        assertThat(STRIMZI_KAFKA_VERSIONS.keySet()).as("Strimzi releases whose Kafka versions this test knows").containsAll(documented);
        String version = Yaml.requireText(Rendered.of(overlay).single("Kafka"), "/spec/kafka/version", overlay + " Kafka");
        for (String release : documented) {
            assertThat(STRIMZI_KAFKA_VERSIONS.get(release)).as("%s: Kafka %s is accepted by Strimzi %s", overlay, version, release)
                    .contains(version);
        }
        assertThat(row).as("deploy/README.md names the Kafka version").contains("`" + version + "`");
    }

    @Test
    void cloudnativepg_documented_minimum_covers_what_the_manifests_use() {
        String row = readmeRow("CloudNativePG");
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("`(\\d+\\.\\d+)` or newer").matcher(row);
        assertThat(matcher.find()).as("deploy/README.md: CloudNativePG `<minimum>` or newer").isTrue();
        String minimum = matcher.group(1);
        String needed = CNPG_DATABASE;
        for (String overlay : overlays()) {
            Rendered rendered = Rendered.of(overlay);
            JsonNode cluster = rendered.single("Cluster");
            if (cluster.at("/spec/plugins").findValuesAsText("name").contains(BARMAN_CLOUD_PLUGIN)) {
                needed = CNPG_BARMAN_CLOUD_PLUGIN;
            }
            // removed in CloudNativePG 1.31 (the in-tree Barman Cloud support) and deprecated (the operator's own PodMonitor)
            assertThat(cluster.at("/spec/backup/barmanObjectStore").isMissingNode()).as("%s: no in-tree barmanObjectStore", overlay).isTrue();
            assertThat(cluster.at("/spec/monitoring/enablePodMonitor").asBoolean(false)).as("%s: no deprecated enablePodMonitor", overlay).isFalse();
        }
        assertThat(compareVersions(minimum, needed)).as("documented CloudNativePG minimum %s ≥ %s, which the manifests need", minimum, needed)
                .isGreaterThanOrEqualTo(0);
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int difference = Integer.parseInt(i < x.length ? x[i] : "0") - Integer.parseInt(i < y.length ? y[i] : "0");
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    // ---- metrics ----------------------------------------------------------------------------------------------

    /**
     * Strimzi exposes Kafka's metrics: the JMX exporter on every node (metricsConfig, its rules in a ConfigMap of the
     * overlay) and the Kafka Exporter (consumer lag); a PodMonitor scrapes both on Strimzi's port tcp-prometheus.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void kafka_metrics_and_the_kafka_exporter_are_scraped(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode kafka = rendered.single("Kafka");
        JsonNode metrics = kafka.at("/spec/kafka/metricsConfig");
        assertThat(metrics.path("type").asText()).as("%s Kafka metricsConfig type", overlay).isEqualTo("jmxPrometheusExporter");
        JsonNode ref = metrics.at("/valueFrom/configMapKeyRef");
        JsonNode configMap = rendered.get("ConfigMap", ref.path("name").asText());
        String rules = Yaml.requireText(configMap, "/data/" + ref.path("key").asText().replace("~", "~0").replace("/", "~1"),
                overlay + " ConfigMap " + ref.path("name").asText());
        JsonNode exporterConfig = Yaml.read(rules);
        assertThat(exporterConfig.path("rules").isArray() && !exporterConfig.path("rules").isEmpty())
                .as("%s: the JMX exporter's rules", overlay).isTrue();
        exporterConfig.path("rules").forEach(rule -> assertThat(rule.path("pattern").asText()).as("%s exporter rule pattern", overlay).isNotBlank());
        assertThat(kafka.at("/spec/kafkaExporter").isObject()).as("%s: Strimzi deploys the Kafka Exporter", overlay).isTrue();

        JsonNode kafkaPods = Yaml.read("{\"strimzi.io/cluster\": \"" + Yaml.name(kafka) + "\", \"strimzi.io/kind\": \"Kafka\","
                + " \"strimzi.io/name\": \"" + Yaml.name(kafka) + "-kafka\"}");
        JsonNode exporterPods = Yaml.read("{\"strimzi.io/cluster\": \"" + Yaml.name(kafka) + "\", \"strimzi.io/kind\": \"Kafka\","
                + " \"strimzi.io/name\": \"" + Yaml.name(kafka) + "-kafka-exporter\"}");
        for (JsonNode pods : List.of(kafkaPods, exporterPods)) {
            assertThat(rendered.ofKind("PodMonitor")).as("%s: a PodMonitor scrapes the pods labelled %s on tcp-prometheus", overlay, pods)
                    .anySatisfy(monitor -> {
                        assertThat(Rendered.selects(monitor.at("/spec/selector"), pods)).isTrue();
                        assertThat(monitor.at("/spec/podMetricsEndpoints").findValuesAsText("port")).contains("tcp-prometheus");
                    });
        }
    }

    /** CloudNativePG's own PodMonitor is deprecated (spec.monitoring.enablePodMonitor): the manifests bring one. */
    @ParameterizedTest
    @MethodSource("overlays")
    void postgres_metrics_are_scraped(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        String cluster = Yaml.name(rendered.single("Cluster"));
        JsonNode instance = Yaml.read("{\"cnpg.io/cluster\": \"" + cluster + "\", \"cnpg.io/podRole\": \"instance\", \"role\": \"primary\"}");
        assertThat(rendered.ofKind("PodMonitor")).as("%s: a PodMonitor scrapes the CloudNativePG instances on their port metrics", overlay)
                .anySatisfy(monitor -> {
                    assertThat(Rendered.selects(monitor.at("/spec/selector"), instance)).isTrue();
                    assertThat(monitor.at("/spec/podMetricsEndpoints").findValuesAsText("port")).contains("metrics");
                });
    }

    // ---- backups and placement -------------------------------------------------------------------------------

    /**
     * Prod backs PostgreSQL up (the event stores' truth): WAL archiving and base backups through the Barman Cloud
     * Plugin to an ObjectStore with a destination, credentials and a retention, and a ScheduledBackup of the Cluster
     * with that plugin. The Secret with the store's credentials is the ops' to create: deploy/README.md says so.
     */
    @Test
    void prod_backs_postgres_up_to_object_storage_on_a_schedule() {
        Rendered prod = Rendered.of("prod");
        JsonNode cluster = prod.single("Cluster");
        JsonNode plugin = null;
        for (JsonNode candidate : cluster.at("/spec/plugins")) {
            if (candidate.path("name").asText().equals(BARMAN_CLOUD_PLUGIN)) {
                plugin = candidate;
            }
        }
        assertThat(plugin).as("prod Cluster: the Barman Cloud Plugin in spec.plugins").isNotNull();
        assertThat(plugin.path("isWALArchiver").asBoolean()).as("prod: the plugin archives the WAL (point-in-time recovery)").isTrue();
        assertThat(plugin.path("enabled").asBoolean(true)).as("prod: the plugin is enabled").isTrue();
        JsonNode store = prod.get("ObjectStore", plugin.at("/parameters/barmanObjectName").asText());
        assertThat(store.at("/spec/configuration/destinationPath").asText()).as("prod ObjectStore destination").matches("(s3|azure|gs)://.+");
        assertThat(store.at("/spec/retentionPolicy").asText()).as("prod ObjectStore retention").matches("[1-9][0-9]*[dwm]");
        JsonNode configuration = store.at("/spec/configuration");
        boolean credentials = configuration.at("/s3Credentials/inheritFromIAMRole").asBoolean(false)
                || configuration.at("/s3Credentials/accessKeyId/name").isTextual() && configuration.at("/s3Credentials/secretAccessKey/name").isTextual()
                || configuration.has("azureCredentials") || configuration.has("googleCredentials");
        assertThat(credentials).as("prod ObjectStore credentials").isTrue();
        configuration.findValuesAsText("name").forEach(secret -> {
            assertThat(Repo.read(OpsReadmeTest.README)).as("deploy/README.md tells ops to create the Secret %s", secret).contains("`" + secret + "`");
            assertThat(prod.find("Secret", secret)).as("prod: the store's credentials are not in git").isEmpty();
        });

        List<JsonNode> schedules = prod.ofKind("ScheduledBackup").stream()
                .filter(b -> b.at("/spec/cluster/name").asText().equals(Yaml.name(cluster))).toList();
        assertThat(schedules).as("prod: a ScheduledBackup of %s", Yaml.name(cluster)).isNotEmpty();
        for (JsonNode backup : schedules) {
            assertThat(backup.at("/spec/method").asText()).as("prod ScheduledBackup %s method", Yaml.name(backup)).isEqualTo("plugin");
            assertThat(backup.at("/spec/pluginConfiguration/name").asText()).as("prod ScheduledBackup %s plugin", Yaml.name(backup))
                    .isEqualTo(BARMAN_CLOUD_PLUGIN);
            assertThat(backup.at("/spec/schedule").asText().trim().split("\\s+")).as("prod ScheduledBackup %s: six cron fields, seconds first",
                    Yaml.name(backup)).hasSize(6);
            assertThat(backup.at("/spec/suspend").asBoolean(false)).as("prod ScheduledBackup %s suspended", Yaml.name(backup)).isFalse();
        }
    }

    /** The Kafka nodes and the PostgreSQL instances spread over nodes and zones, each counting its own pods. */
    @ParameterizedTest
    @MethodSource("overlays")
    void kafka_nodes_and_postgres_instances_spread_over_nodes_and_zones(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode cluster = rendered.single("Cluster");
        Map<String, JsonNode> spreads = new java.util.LinkedHashMap<>();
        spreads.put("Cluster " + Yaml.name(cluster), Yaml.read("{\"cnpg.io/cluster\": \"" + Yaml.name(cluster)
                + "\", \"cnpg.io/podRole\": \"instance\"}"));
        for (JsonNode pool : rendered.ofKind("KafkaNodePool")) {
            spreads.put("KafkaNodePool " + Yaml.name(pool), Yaml.read("{\"strimzi.io/cluster\": \"" + pool.at("/metadata/labels/strimzi.io~1cluster").asText()
                    + "\", \"strimzi.io/kind\": \"Kafka\", \"strimzi.io/pool-name\": \"" + Yaml.name(pool) + "\"}"));
        }
        for (var entry : spreads.entrySet()) {
            String[] what = entry.getKey().split(" ");
            JsonNode resource = rendered.get(what[0], what[1]);
            JsonNode constraints = what[0].equals("Cluster") ? resource.at("/spec/topologySpreadConstraints")
                    : resource.at("/spec/template/pod/topologySpreadConstraints");
            Set<String> keys = new TreeSet<>();
            for (JsonNode constraint : constraints) {
                assertThat(Rendered.selects(constraint.path("labelSelector"), entry.getValue()))
                        .as("%s %s: %s counts its own pods", overlay, entry.getKey(), constraint.path("topologyKey").asText()).isTrue();
                keys.add(constraint.path("topologyKey").asText());
            }
            assertThat(keys).as("%s %s spreads over", overlay, entry.getKey()).contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
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
