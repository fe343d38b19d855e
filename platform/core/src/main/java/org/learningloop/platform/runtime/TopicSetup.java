package org.learningloop.platform.runtime;

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
            ensure(kafka.admin(), config.topics().ensure(), config.topics().partitions(),
                    config.topics().replicationFactor(), config.topics().minInsyncReplicas().orElse(null));
        }
    }

    /** Creates each of {@code topics} that does not exist yet, on a broker that needs no further client settings. */
    public static void ensure(String bootstrapServers, List<String> topics, int partitions, short replicationFactor,
                              Integer minInsyncReplicas) {
        ensure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics, partitions,
                replicationFactor, minInsyncReplicas);
    }

    /** Creates each of {@code topics} that does not exist yet, with an admin client made of {@code adminConfig}. */
    public static void ensure(Map<String, Object> adminConfig, List<String> topics, int partitions,
                              short replicationFactor, Integer minInsyncReplicas) {
        Map<String, Object> clientConfig = new HashMap<>(adminConfig);
        clientConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        Map<String, String> topicConfig = new HashMap<>();
        topicConfig.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        topicConfig.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        topicConfig.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        if (minInsyncReplicas != null) {
            topicConfig.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsyncReplicas.toString());
        }
        try (Admin admin = Admin.create(clientConfig)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().distinct().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, replicationFactor).configs(topicConfig))
                    .toList();
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(60, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s (%d partitions, retention -1)", created.getKey(), partitions);
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
