package org.learningloop.platform.runtime;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings the service's own Kafka clients (outbox relay, topic setup, projections, admin reads)
 * share with its messaging channels: every {@code kafka.*} property, environment variables included
 * ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_JAAS_CONFIG}, ...), as Quarkus collects them
 * in its {@code default-kafka-broker} map. So a cluster with TLS or SASL listeners needs the
 * settings once, for every client.
 *
 * <p>What is shared is filtered per kind of client:
 * <ul>
 *   <li>only keys that client knows (its {@code ConfigDef}) pass, so a producer never gets consumer
 *       settings such as {@code auto.offset.reset} and the other way round; Quarkus' own
 *       {@code tls-configuration-name} passes too (its SSL engine factory reads it);</li>
 *   <li>never the per-client identity and payload handling a channel may set:
 *       {@link #NOT_SHARED} (serializers, deserializers, {@code group.id}, {@code client.id},
 *       {@code transactional.id}, ...);</li>
 *   <li>no blank values.</li>
 * </ul>
 * Each client then puts its own settings over these (acks, idempotence, offsets, timeouts), so
 * shared properties can add security and network settings but never weaken a client's guarantees.
 */
@ApplicationScoped
public class KafkaClientConfig {

    /** Keys a channel may set that belong to one client and must not reach the others. */
    public static final Set<String> NOT_SHARED = Set.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            CommonClientConfigs.GROUP_ID_CONFIG,
            CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG,
            CommonClientConfigs.CLIENT_ID_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.INTERCEPTOR_CLASSES_CONFIG); // the same key for consumers

    /** Quarkus' key naming a TLS configuration of its registry (read by its SSL engine factory). */
    static final String TLS_CONFIGURATION_NAME = "tls-configuration-name";

    private final Map<String, String> shared;

    @Inject
    public KafkaClientConfig(@Identifier("default-kafka-broker") Map<String, Object> broker,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Map<String, String> settings = new TreeMap<>();
        broker.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank() && !NOT_SHARED.contains(key)) {
                settings.put(key, value.toString());
            }
        });
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.shared = Map.copyOf(settings);
    }

    /** The shared settings from a {@code default-kafka-broker}-like map (keys without the {@code kafka.} prefix). */
    public static KafkaClientConfig of(Map<String, ?> broker, String bootstrapServers) {
        return new KafkaClientConfig(new HashMap<>(broker), bootstrapServers);
    }

    public String bootstrapServers() {
        return shared.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** Settings for a producer; the caller adds serializers, client id and its delivery settings. */
    public Map<String, Object> producer() {
        return select(ProducerConfig.configNames());
    }

    /** Settings for a consumer; the caller adds deserializers, client id and its offset handling. */
    public Map<String, Object> consumer() {
        return select(ConsumerConfig.configNames());
    }

    /** Settings for an admin client. */
    public Map<String, Object> admin() {
        return select(AdminClientConfig.configNames());
    }

    /** A new, modifiable map of the shared settings the client knows. */
    private Map<String, Object> select(Set<String> known) {
        Map<String, Object> selected = new HashMap<>();
        shared.forEach((key, value) -> {
            if (known.contains(key) || key.equals(TLS_CONFIGURATION_NAME)) {
                selected.put(key, value);
            }
        });
        return selected;
    }
}
