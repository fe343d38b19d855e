package org.learningloop.platform.runtime;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.privacy.TextCipher;
import org.learningloop.platform.privacy.TextKeys;
import org.learningloop.testing.IdentityResource;
import org.learningloop.testing.KafkaResource;
import org.learningloop.testing.PostgresResource;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The keys of sealed text travel on {@code loop.keys} (ADR 18): a service publishes its new keys and the tombstones
 * of deleted ones, in that order; every service keeps the keys it reads there, deletes one on its tombstone, and
 * refuses a key about a person it has erased.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(IdentityResource.class)
class TextKeyServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    TextKeys keys;

    @Inject
    TextKeyService service;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void anErasedKey_isPublished_thenTombstoned_inThatOrder() {
        UUID person = UUID.randomUUID();
        UUID keyId = UUID.randomUUID();
        TextCipher.DataKey key = keys.cipher().newKey(keyId);
        pool.withTransaction(tx -> keys.store(tx, List.of(new TextKeys.NewKey(keyId, keys.cipher().wrap(key),
                UUID.randomUUID(), Set.of(person), Instant.now())))).await().atMost(PATIENCE);
        TopicReader.readUntil(kafka, TextKeys.TOPIC, PATIENCE,
                read -> read.stream().anyMatch(r -> keyId.toString().equals(r.key()) && r.value() != null));
        int erased = pool.withTransaction(tx -> keys.forget(tx, person, Instant.now())).await().atMost(PATIENCE);
        assertThat(erased).isEqualTo(1);

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka, TextKeys.TOPIC, PATIENCE,
                read -> read.stream().filter(r -> keyId.toString().equals(r.key())).count() == 2);
        List<ConsumerRecord<String, String>> ofKey = records.stream().filter(r -> keyId.toString().equals(r.key())).toList();
        assertThat(ofKey).hasSize(2);
        assertThat(ofKey.get(0).value()).contains("\"wrapped\":\"", person.toString())
                .doesNotContain(java.util.Base64.getEncoder().withoutPadding().encodeToString(key.bytes()))
                .doesNotContain(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key.bytes()));
        assertThat(ofKey.get(1).value()).as("the tombstone comes last").isNull();
        assertThat(rows(keyId)).isZero();
    }

    @Test
    void aKeyFromAnotherService_isKept_andDeletedByItsTombstone_unlessItConcernsAnErasedPerson() throws Exception {
        UUID keyId = UUID.randomUUID();
        UUID author = UUID.randomUUID();
        String record = "{\"keyId\":\"" + keyId + "\",\"wrapped\":\"" + keys.cipher().wrap(keys.cipher().newKey(keyId))
                + "\",\"origin\":\"other-service\",\"teamId\":null,\"concerns\":[\"" + author + "\"],\"createdAt\":\""
                + Instant.now() + "\"}";
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(TextKeys.TOPIC, keyId.toString(), record)).get();
            await().atMost(PATIENCE).until(() -> rows(keyId) == 1);
            producer.send(new ProducerRecord<>(TextKeys.TOPIC, keyId.toString(), null)).get();
            await().atMost(PATIENCE).until(() -> rows(keyId) == 0);

            // a person erased here: a key about them that arrives late is not kept
            UUID erased = UUID.randomUUID();
            pool.withTransaction(tx -> keys.forget(tx, erased, Instant.now())).await().atMost(PATIENCE);
            UUID late = UUID.randomUUID();
            UUID sentinel = UUID.randomUUID();
            // both in one partition, so the sentinel's arrival says the late key was read before it
            producer.send(new ProducerRecord<>(TextKeys.TOPIC, 0, late.toString(),
                    record.replace(keyId.toString(), late.toString()).replace(author.toString(), erased.toString()))).get();
            producer.send(new ProducerRecord<>(TextKeys.TOPIC, 0, sentinel.toString(),
                    record.replace(keyId.toString(), sentinel.toString()))).get();
            await().atMost(PATIENCE).until(() -> rows(sentinel) == 1);
            assertThat(rows(late)).isZero();
        }
    }

    /**
     * Two replicas publish at once (here two threads beside the service's own schedule): one at a time publishes,
     * so every erased key's last record on the topic is its tombstone, never its key sent again after it.
     */
    @Test
    void publishersOfTwoReplicasAtOnce_leaveEveryErasedKeysTombstoneLast() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(2);
        Runnable publishing = () -> {
            while (running.get()) {
                try {
                    service.publish();
                } catch (Exception e) {
                    // a round that failed is taken again, as the schedule does
                }
            }
        };
        replicas.submit(publishing);
        replicas.submit(publishing);
        List<UUID> erasedKeys = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                UUID person = UUID.randomUUID();
                UUID keyId = UUID.randomUUID();
                pool.withTransaction(tx -> keys.store(tx, List.of(new TextKeys.NewKey(keyId,
                        keys.cipher().wrap(keys.cipher().newKey(keyId)), null, Set.of(person), Instant.now()))))
                        .await().atMost(PATIENCE);
                if (i % 2 == 0) {
                    Thread.sleep(i % 7);
                }
                pool.withTransaction(tx -> keys.forget(tx, person, Instant.now())).await().atMost(PATIENCE);
                erasedKeys.add(keyId);
            }
            await().atMost(PATIENCE).until(() -> pool.query("select count(*) from text_key_outbox").execute()
                    .await().atMost(PATIENCE).iterator().next().getLong(0) == 0);
        } finally {
            running.set(false);
            replicas.shutdown();
            replicas.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        Map<String, String> last = new java.util.HashMap<>();
        Map<String, Integer> sent = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.readToEnd(kafka, TextKeys.TOPIC)) {
            last.put(record.key(), record.value());
            sent.merge(record.key(), 1, Integer::sum);
        }
        assertThat(erasedKeys).allSatisfy(keyId -> {
            assertThat(last).as("a record of %s", keyId).containsKey(keyId.toString());
            assertThat(last.get(keyId.toString())).as("the last record of %s", keyId).isNull();
        });
        assertThat(erasedKeys).as("each sent once or twice (its key, then its tombstone), never again")
                .allSatisfy(keyId -> assertThat(sent.get(keyId.toString())).isBetween(1, 2));
    }

    @Test
    void theRetention_deletesTheKeysOlderThanIt_andTombstonesThem_andKeepsTheYoungerOnes() {
        UUID old = UUID.randomUUID();
        UUID young = UUID.randomUUID();
        Instant now = Instant.now();
        pool.withTransaction(tx -> keys.store(tx, List.of(
                new TextKeys.NewKey(old, keys.cipher().wrap(keys.cipher().newKey(old)), null, Set.of(),
                        now.minus(Duration.ofDays(731))),
                new TextKeys.NewKey(young, keys.cipher().wrap(keys.cipher().newKey(young)), null, Set.of(),
                        now.minus(Duration.ofDays(729)))))).await().atMost(PATIENCE);

        assertThat(service.expire()).as("keys past the default 730 days").isGreaterThanOrEqualTo(1);
        assertThat(rows(old)).isZero();
        assertThat(rows(young)).isEqualTo(1);
        TopicReader.readUntil(kafka, TextKeys.TOPIC, PATIENCE, read -> read.stream()
                .anyMatch(r -> old.toString().equals(r.key()) && r.value() == null));
    }

    private long rows(UUID keyId) {
        return pool.preparedQuery("select count(*) from text_key where key_id = $1").execute(Tuple.of(keyId))
                .await().atMost(PATIENCE).iterator().next().getLong(0);
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all"));
    }
}
