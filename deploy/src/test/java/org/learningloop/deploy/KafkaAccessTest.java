package org.learningloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.learningloop.platform.outbox.OutboxRelay;
import org.learningloop.platform.privacy.TextKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka on Kubernetes lets each client do what it needs and nothing more: the only listener is TLS with
 * SCRAM-SHA-512, the brokers authorize with ACLs, each service signs in as its own KafkaUser whose ACLs are
 * exactly what its configuration uses (outbox topic and relay transactions, incoming channels' topics and
 * consumer groups, dead letters, reporting-service's projections, the text keys on {@code loop.keys}), and
 * analysts read the event topics only.
 */
class KafkaAccessTest {

    static final String ANALYST = "loop-analyst";
    static final Set<String> OPERATIONS = Set.of("Read", "Write", "Create", "Delete", "Alter", "Describe",
            "ClusterAction", "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All");

    static Stream<Arguments> overlaysAndServices() {
        return Stream.of("dev", "prod").flatMap(overlay -> Repo.services().stream().map(service -> Arguments.of(overlay, service)));
    }

    static Stream<String> overlays() {
        return Stream.of("dev", "prod");
    }

    /** The listener the services use: the rendered Kafka's only listener (there must be exactly one). */
    static JsonNode listener(Rendered rendered) {
        JsonNode listeners = rendered.single("Kafka").at("/spec/kafka/listeners");
        assertThat(listeners.size()).as("%s: Kafka has one listener, the one every client signs in on", rendered.overlay()).isEqualTo(1);
        return listeners.get(0);
    }

    /** One ACL as a comparable line: {@code topic literal loop.goals Read}. */
    static Set<String> acls(JsonNode user) {
        Set<String> lines = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            JsonNode resource = acl.path("resource");
            assertThat(acl.path("type").asText("allow")).as("%s: only allow rules", Yaml.name(user)).isEqualTo("allow");
            assertThat(acl.path("host").asText("*")).as("%s: from any host", Yaml.name(user)).isEqualTo("*");
            for (JsonNode operation : acl.path("operations")) {
                assertThat(OPERATIONS).as("%s operation", Yaml.name(user)).contains(operation.asText());
                lines.add(line(resource.path("type").asText(), resource.path("patternType").asText("literal"),
                        resource.path("name").asText(), operation.asText()));
            }
        }
        return lines;
    }

    static String line(String type, String patternType, String name, String operation) {
        return type + " " + patternType + " " + name + " " + operation;
    }

    /** What a service's configuration, with the deployment's environment over it, makes it do on Kafka, as ACL lines. */
    static Set<String> needs(ServiceConfig config, Map<String, String> env) {
        java.util.function.Function<String, Optional<String>> setting = key ->
                Optional.ofNullable(env.get(ServiceConfig.envName(key))).or(() -> config.value(key));
        Set<String> needs = new TreeSet<>();
        Set<String> reads = new TreeSet<>(config.incomingTopics());
        setting.apply("loop.projections.topics").map(ServiceConfig::split).ifPresent(reads::addAll);
        Set<String> writes = new TreeSet<>(config.deadLetterTopics());
        setting.apply("loop.projections.dead-letter-topic").ifPresent(writes::add);
        // every service publishes its text keys and their tombstones (TextKeyService, ADR 18): an idempotent,
        // non-transactional producer, so Write on the topic is all it needs
        writes.add(TextKeys.TOPIC);
        if (Boolean.parseBoolean(setting.apply("loop.outbox.enabled").orElse("true"))) {
            String topic = setting.apply("loop.outbox.topic").orElseThrow();
            writes.add(topic);
            needs.add(line("transactionalId", "prefix", OutboxRelay.transactionalIdPrefix(topic), "Describe"));
            needs.add(line("transactionalId", "prefix", OutboxRelay.transactionalIdPrefix(topic), "Write"));
        }
        reads.forEach(topic -> {
            needs.add(line("topic", "literal", topic, "Describe"));
            needs.add(line("topic", "literal", topic, "Read"));
        });
        writes.forEach(topic -> {
            needs.add(line("topic", "literal", topic, "Describe"));
            needs.add(line("topic", "literal", topic, "Write"));
        });
        for (String channel : config.incomingChannels()) {
            String group = config.require("mp.messaging.incoming." + channel + ".group.id");
            needs.add(line("group", "literal", group, "Read"));
        }
        if (Boolean.parseBoolean(setting.apply("loop.topics.create").orElse("true"))) {
            config.ensuredTopics().forEach(topic -> needs.add(line("topic", "literal", topic, "Create")));
        }
        return needs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_only_listener_is_tls_with_scram_and_every_operation_needs_an_acl(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode kafka = rendered.single("Kafka");
        JsonNode listener = listener(rendered);
        assertThat(listener.path("tls").asBoolean()).as("%s: the listener encrypts", overlay).isTrue();
        assertThat(listener.at("/authentication/type").asText()).as("%s: clients sign in", overlay).isEqualTo("scram-sha-512");
        assertThat(kafka.at("/spec/kafka/authorization/type").asText()).as("%s: ACLs decide", overlay).isEqualTo("simple");
        assertThat(kafka.at("/spec/kafka/authorization/superUsers").isMissingNode())
                .as("%s: no super users (the operators use their own TLS identities)", overlay).isTrue();
        assertThat(kafka.at("/spec/kafka/config/allow.everyone.if.no.acl.found").asBoolean(false))
                .as("%s: no ACL, no access", overlay).isFalse();
        assertThat(kafka.at("/spec/entityOperator/userOperator").isObject())
                .as("%s: Strimzi's user operator turns KafkaUsers into credentials and ACLs", overlay).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void each_service_signs_in_as_its_own_user_whose_acls_are_exactly_what_its_configuration_uses(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode user = rendered.get("KafkaUser", service);
        assertThat(user.at("/metadata/labels/strimzi.io~1cluster").asText()).as("%s KafkaUser %s cluster", overlay, service)
                .isEqualTo(Yaml.name(rendered.single("Kafka")));
        assertThat(user.at("/spec/authentication/type").asText()).as("%s KafkaUser %s", overlay, service)
                .isEqualTo(listener(rendered).at("/authentication/type").asText());
        assertThat(user.at("/spec/authorization/type").asText()).isEqualTo("simple");

        Set<String> needed = needs(ServiceConfig.of(service), rendered.environment(service));
        assertThat(needed).as("%s %s keeps and publishes the text keys (ADR 18) in its own group", overlay, service).contains(
                line("topic", "literal", TextKeys.TOPIC, "Describe"), line("topic", "literal", TextKeys.TOPIC, "Read"),
                line("topic", "literal", TextKeys.TOPIC, "Write"), line("group", "literal", service + ".text-keys", "Read"));
        assertThat(acls(user)).as("%s KafkaUser %s ACLs (derived from %s's channels, outbox, dead letters and projections)",
                overlay, service, service).containsExactlyInAnyOrderElementsOf(needed);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void the_service_uses_its_users_secret_over_tls_with_the_cluster_ca(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, String> env = rendered.environment(service);
        String kafka = Yaml.name(rendered.single("Kafka"));
        assertThat(env.get("KAFKA_SECURITY_PROTOCOL")).as("%s %s", overlay, service).isEqualTo("SASL_SSL");
        assertThat(env.get("KAFKA_SASL_MECHANISM")).as("%s %s", overlay, service).isEqualTo("SCRAM-SHA-512");
        assertThat(env.get("KAFKA_SASL_JAAS_CONFIG")).as("%s %s signs in with its KafkaUser's Secret", overlay, service)
                .isEqualTo("secret:" + service + "/sasl.jaas.config");
        assertThat(env.get("KAFKA_SSL_TRUSTSTORE_TYPE")).as("%s %s", overlay, service).isEqualTo("PEM");
        String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
        assertThat(truststore).as("%s %s trust store", overlay, service).isNotNull();

        JsonNode pod = rendered.get("Deployment", service).at("/spec/template/spec");
        JsonNode mount = null;
        for (JsonNode candidate : rendered.container(service).path("volumeMounts")) {
            if (truststore.startsWith(candidate.path("mountPath").asText() + "/")) {
                mount = candidate;
            }
        }
        assertThat(mount).as("%s %s mounts the directory of %s", overlay, service, truststore).isNotNull();
        assertThat(mount.path("readOnly").asBoolean()).as("%s %s CA mount read-only", overlay, service).isTrue();
        String file = truststore.substring(mount.path("mountPath").asText().length() + 1);
        JsonNode volume = null;
        for (JsonNode candidate : pod.path("volumes")) {
            if (candidate.path("name").asText().equals(mount.path("name").asText())) {
                volume = candidate;
            }
        }
        assertThat(volume).as("%s %s volume %s", overlay, service, mount.path("name").asText()).isNotNull();
        assertThat(volume.at("/secret/secretName").asText()).as("%s %s: the cluster CA Strimzi writes", overlay, service)
                .isEqualTo(kafka + "-cluster-ca-cert");
        List<String> items = new ArrayList<>();
        volume.at("/secret/items").forEach(item -> items.add(item.path("key").asText() + "->" + item.path("path").asText()));
        assertThat(items).as("%s %s: the PEM certificate at %s", overlay, service, truststore).containsExactly("ca.crt->" + file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void analysts_read_the_event_topics_in_their_own_groups_and_nothing_else(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode analyst = rendered.get("KafkaUser", ANALYST);
        Set<String> eventTopics = new TreeSet<>();
        for (String service : Repo.services()) {
            ServiceConfig.of(service).value("loop.outbox.topic").ifPresent(eventTopics::add);
        }
        assertThat(eventTopics).as("the services' event topics").hasSize(3);
        Set<String> expected = new TreeSet<>();
        eventTopics.forEach(topic -> {
            expected.add(line("topic", "literal", topic, "Describe"));
            expected.add(line("topic", "literal", topic, "Read"));
        });
        expected.add(line("group", "prefix", "analyst.", "Describe"));
        expected.add(line("group", "prefix", "analyst.", "Read"));
        assertThat(acls(analyst)).as("%s KafkaUser %s", overlay, ANALYST).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(acls(analyst)).as("%s KafkaUser %s: the text keys are not analysts' data (ADR 18)", overlay, ANALYST)
                .noneMatch(acl -> acl.contains(" " + TextKeys.TOPIC + " ") || acl.contains(".text-keys "));
        for (String service : Repo.services()) {
            for (String channel : ServiceConfig.of(service).incomingChannels()) {
                assertThat(ServiceConfig.of(service).require("mp.messaging.incoming." + channel + ".group.id"))
                        .as("%s's consumer groups are out of the analysts' reach", service).doesNotStartWith("analyst.");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void there_is_a_user_for_each_service_and_the_analysts_and_no_other(String overlay) {
        Set<String> users = new TreeSet<>();
        Rendered.of(overlay).ofKind("KafkaUser").forEach(user -> users.add(Yaml.name(user)));
        Set<String> expected = new TreeSet<>(Repo.services());
        expected.add(ANALYST);
        assertThat(users).as("%s KafkaUsers", overlay).containsExactlyInAnyOrderElementsOf(expected);
    }
}
