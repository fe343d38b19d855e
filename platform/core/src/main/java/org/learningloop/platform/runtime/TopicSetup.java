package org.learningloop.platform.runtime;

import org.learningloop.platform.config.LoopConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;
import org.learningloop.platform.privacy.TextKeys;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the service's topics before anything publishes or consumes: explicit partition count,
 * replication, and retention -1 so every team's history can be replayed from offset 0.
 */
@ApplicationScoped
public class TopicSetup {

    /** Runs before the relay and before the messaging connectors start. */
    public static final int PRIORITY = 10;

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final LoopConfig config;
    private final KafkaClientConfig kafka;

    public TopicSetup(LoopConfig config, KafkaClientConfig kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent start) {
        if (config.topics().create()) {
            List<String> topics = new java.util.ArrayList<>(config.topics().ensure());
            topics.add(TextKeys.TOPIC);
            ensure(kafka.admin(), topics, config.topics().partitions(),
                    config.topics().replicationFactor(), config.topics().minInsyncReplicas().orElse(null),
                    config.topics().deadLetterRetention());
        }
    }

    /** Creates each of {@code topics} that does not exist yet, on a broker that needs no further client settings. */
    public static void ensure(String bootstrapServers, List<String> topics, int partitions, short replicationFactor,
                              Integer minInsyncReplicas) {
        ensure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics, partitions,
                replicationFactor, minInsyncReplicas, DEFAULT_DEAD_LETTER_RETENTION);
    }

    /** What {@code loop.topics.dead-letter-retention} defaults to. */
    public static final java.time.Duration DEFAULT_DEAD_LETTER_RETENTION = java.time.Duration.ofDays(30);

    /** Dead-letter topics (ADR 6): {@code loop.dlq.<service>}. */
    public static final String DEAD_LETTER_PREFIX = "loop.dlq.";

    /**
     * {@code loop.keys} (ADR 18) is compacted: the latest record of each key id is kept, and a deleted key's tombstone
     * removes it from the topic within {@code max.compaction.lag.ms} (segments roll hourly so compaction can reach
     * them); the tombstone stays a day for consumers that were away.
     */
    public static final Map<String, String> KEYS_TOPIC_CONFIG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, "3600000",
            TopicConfig.SEGMENT_MS_CONFIG, "3600000",
            TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000",
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01");

    /** The retention of {@code topic}: events forever, dead letters for {@code deadLetterRetention}. */
    static String retentionMs(String topic, java.time.Duration deadLetterRetention) {
        return topic.startsWith(DEAD_LETTER_PREFIX) ? Long.toString(deadLetterRetention.toMillis()) : "-1";
    }

    /** Creates each of {@code topics} that does not exist yet, with an admin client made of {@code adminConfig}. */
    public static void ensure(Map<String, Object> adminConfig, List<String> topics, int partitions,
                              short replicationFactor, Integer minInsyncReplicas, java.time.Duration deadLetterRetention) {
        Map<String, Object> clientConfig = new HashMap<>(adminConfig);
        clientConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        Map<String, String> topicConfig = new HashMap<>();
        topicConfig.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        topicConfig.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        if (minInsyncReplicas != null) {
            topicConfig.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsyncReplicas.toString());
        }
        try (Admin admin = Admin.create(clientConfig)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().distinct().filter(topic -> !existing.contains(topic))
                    .map(topic -> {
                        Map<String, String> config = new HashMap<>(topicConfig);
                        config.put(TopicConfig.RETENTION_MS_CONFIG, retentionMs(topic, deadLetterRetention));
                        if (topic.equals(TextKeys.TOPIC)) {
                            config.putAll(KEYS_TOPIC_CONFIG);
                        }
                        return new NewTopic(topic, partitions, replicationFactor).configs(config);
                    })
                    .toList();
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(60, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s (%d partitions, retention.ms %s)", created.getKey(), partitions,
                            retentionMs(created.getKey(), deadLetterRetention));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topics " + topics + " on "
                    + adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
