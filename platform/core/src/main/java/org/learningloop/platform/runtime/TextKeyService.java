package org.learningloop.platform.runtime;

import org.learningloop.platform.config.LoopConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.learningloop.platform.outbox.OutboxRelay;
import org.learningloop.platform.privacy.TextKeys;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries the keys of sealed free text between the services (ADR 18): publishes this service's new keys and the
 * tombstones of deleted ones on {@code loop.keys} (one replica at a time, in the order they were queued), keeps
 * every service's keys from that topic (channel {@code text-keys}), and applies the free-text retention.
 */
@ApplicationScoped
public class TextKeyService {

    private static final Logger LOG = Logger.getLogger(TextKeyService.class);
    private static final long PUBLISH_EVERY_MS = 200;
    private static final int BATCH = 500;
    /** The advisory lock that lets one replica at a time publish (any other number than the outbox relay's). */
    private static final long PUBLISHER_LOCK = 0x7465_7874_6b65_7973L;

    private final Pool pool;
    private final TextKeys keys;
    private final KafkaClientConfig kafka;
    private final LoopConfig config;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private KafkaProducer<String, String> producer;

    public TextKeyService(Pool pool, TextKeys keys, KafkaClientConfig kafka, LoopConfig config, Clock clock) {
        this.pool = pool;
        this.keys = keys;
        this.kafka = kafka;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(TopicSetup.PRIORITY + 1) StartupEvent start) {
        Map<String, Object> producerConfig = new HashMap<>(kafka.producer());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerConfig.putAll(OutboxRelay.DELIVERY);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "text-keys-" + config.serviceName() + "-" + UUID.randomUUID());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(producerConfig);
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "text-keys");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::publishSafely, PUBLISH_EVERY_MS, PUBLISH_EVERY_MS, TimeUnit.MILLISECONDS);
        long retention = config.personalData().textRetentionInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::expireSafely, 0, retention, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Keeps a key another service (or this one) published, or deletes it on its tombstone. */
    @Incoming("text-keys")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return pool.withTransaction(tx -> keys.apply(tx, record.key(), record.value()));
    }

    /** Publishes what waits in {@code text_key_outbox}; returns how many records went out. */
    int publish() throws Exception {
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_try_advisory_xact_lock($1) as leading")
                        .execute(Tuple.of(PUBLISHER_LOCK))
                        .chain(rows -> !rows.iterator().next().getBoolean("leading") ? Uni.createFrom().item(0)
                                : keys.pending(tx, BATCH).chain(pending -> {
                                    if (pending.isEmpty()) {
                                        return Uni.createFrom().item(0);
                                    }
                                    // the producer blocks: off the event loop
                                    return Uni.createFrom().item(() -> {
                                                send(pending);
                                                return pending.get(pending.size() - 1).id();
                                            })
                                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                            .chain(last -> keys.published(tx, last))
                                            .replaceWith(pending.size());
                                })))
                .await().atMost(java.time.Duration.ofSeconds(60));
    }

    private void send(List<TextKeys.Pending> pending) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(pending.size());
        for (TextKeys.Pending record : pending) {
            sent.add(producer.send(new ProducerRecord<>(TextKeys.TOPIC, record.keyId().toString(), record.value())));
        }
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish text keys: " + e.getMessage(), e);
        }
    }

    private void publishSafely() {
        try {
            publish();
        } catch (Exception e) {
            LOG.warnf("Text keys not published yet (retried): %s", e.getMessage());
        }
    }

    /** Applies the free-text retention once; how many keys it deleted. */
    int expire() {
        int expired = pool.withTransaction(tx -> keys.expire(tx,
                        clock.instant().minus(config.personalData().textRetention())))
                .await().atMost(java.time.Duration.ofSeconds(60));
        if (expired > 0) {
            LOG.infof("Free-text retention: %d text key(s) deleted, their texts now read [erased]", expired);
        }
        return expired;
    }

    private void expireSafely() {
        try {
            expire();
        } catch (Exception e) {
            LOG.warnf("Free-text retention not applied (retried): %s", e.getMessage());
        }
    }
}
