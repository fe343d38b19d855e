package org.learningloop.platform.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The lag of each of the service's consumer groups (issue 16): how many records of its topics the group has not
 * committed yet, summed over their partitions, as {@code loop_consumer_lag_records{group}}, read from the broker every
 * {@link #EVERY}. A group that has committed nothing yet counts every record of the partitions it was assigned. While
 * the broker cannot be reached the last figure stays (the broker health group tells that the broker is away).
 */
@ApplicationScoped
public class ConsumerLag {

    static final Duration EVERY = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    private final Config config;
    private final KafkaClientConfig kafka;
    private final MeterRegistry registry;
    private final Map<String, Double> lags = new ConcurrentHashMap<>();
    private ScheduledExecutorService reader;
    private Admin admin;

    public ConsumerLag(Config config, KafkaClientConfig kafka, MeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent start) {
        var groups = groups();
        if (groups.isEmpty()) {
            return;
        }
        for (String group : groups) {
            lags.put(group, Double.NaN);
            Gauge.builder("loop.consumer.lag.records", lags, all -> all.getOrDefault(group, Double.NaN))
                    .description("Records of its topics the consumer group has not committed yet")
                    .tag("group", group).register(registry);
        }
        Map<String, Object> adminConfig = new HashMap<>(kafka.admin());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        admin = Admin.create(adminConfig);
        reader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        reader.scheduleWithFixedDelay(this::readAll, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (reader != null) {
            reader.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** The group ids of the service's incoming channels. */
    TreeSet<String> groups() {
        TreeSet<String> groups = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".group.id")) {
                config.getOptionalValue(name, String.class).ifPresent(groups::add);
            }
        }
        return groups;
    }

    private void readAll() {
        for (String group : lags.keySet()) {
            try {
                lags.put(group, (double) lag(admin, group));
            } catch (Exception e) {
                LOG.debugf("Lag of %s not read now: %s", group, e.getMessage());
            }
        }
    }

    /** The records of the group's partitions after its committed offsets (a partition it has not committed counts whole). */
    public static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        var assigned = admin.describeConsumerGroups(java.util.List.of(group)).describedGroups().get(group)
                .get(10, TimeUnit.SECONDS).members().stream()
                .flatMap(member -> member.assignment().topicPartitions().stream()).collect(Collectors.toSet());
        var partitions = new java.util.HashSet<TopicPartition>(committed.keySet());
        partitions.addAll(assigned);
        if (partitions.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                .all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            lag += Math.max(0, ends.get(partition).offset() - (at == null ? 0 : at.offset()));
        }
        return lag;
    }
}
