package org.learningloop.platform.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.learningloop.infra.KafkaBroker;
import org.learningloop.platform.TestDatabase;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.eventstore.NewEvent;
import org.learningloop.platform.outbox.OutboxRelay;
import org.learningloop.platform.outbox.OutboxWakeUp;
import org.learningloop.platform.outbox.RelaySettings;
import org.learningloop.platform.runtime.TopicSetup;
import org.learningloop.testing.Infrastructure;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.platform.TestEvents.event;

/**
 * Measures the outbox relay against the real broker and database: commit-to-consumer latency of
 * single appends, and throughput of a backlog. Prints figures; excluded from {@code mvn verify}.
 * Run: {@code mvn -pl platform/core test -Dgroups=bench -DexcludedGroups=none -Dtest=RelayBench}
 */
@Tag("bench")
class RelayBench {

    @Test
    void latencyAndThroughput() throws Exception {
        KafkaBroker kafka = Infrastructure.kafka();
        try (TestDatabase db = new TestDatabase()) {
            EventStore store = new EventStore(new OutboxWakeUp(db.pool()));
            String topic = "bench.relay-" + UUID.randomUUID();
            TopicSetup.ensure(kafka.bootstrapServers(), List.of(topic), 6, (short) 1, null);
            OutboxRelay relay = new OutboxRelay(db.dataSource(), kafka.bootstrapServers(), Map.of(),
                    RelaySettings.defaults(topic, "/bench")).start();
            try (KafkaConsumer<String, String> consumer = consumer(kafka, topic)) {
                Map<String, Long> received = new ConcurrentHashMap<>();
                Thread reader = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(5))) {
                            received.put(TopicReader.header(r, "ce_id"), System.nanoTime());
                        }
                    }
                });
                reader.start();
                Thread.sleep(1000);

                // latency: one event per transaction, spaced so each is its own round
                UUID team = UUID.randomUUID();
                int singles = 300;
                Map<String, Long> committed = new ConcurrentHashMap<>();
                for (int i = 0; i < singles; i++) {
                    NewEvent e = event(team, i);
                    db.pool().withTransaction(tx -> store.append(tx, "s", "bench-" + team, committed.size(), List.of(e)))
                            .await().indefinitely();
                    committed.put(e.eventId().toString(), System.nanoTime());
                    Thread.sleep(5);
                }
                waitFor(received, committed.keySet());
                long[] micros = committed.entrySet().stream()
                        .mapToLong(c -> (received.get(c.getKey()) - c.getValue()) / 1_000).sorted().toArray();
                System.out.printf("[bench] commit -> consumer latency over %d single appends: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        singles, pct(micros, 50), pct(micros, 95), pct(micros, 99), micros[micros.length - 1] / 1000.0);

                // throughput: a backlog of 20 000 events (200 teams, batches of 10) published from cold
                relay.close();
                List<UUID> teams = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
                List<String> ids = new ArrayList<>();
                teams.parallelStream().forEach(t -> {
                    for (int b = 0; b < 10; b++) {
                        List<NewEvent> batch = IntStream.range(0, 10).mapToObj(i -> event(t, i)).toList();
                        long expected = b * 10L;
                        db.pool().withTransaction(tx -> store.append(tx, "s", "bench-" + t, expected, batch)).await().indefinitely();
                        synchronized (ids) {
                            batch.forEach(e -> ids.add(e.eventId().toString()));
                        }
                    }
                });
                long start = System.nanoTime();
                OutboxRelay second = new OutboxRelay(db.dataSource(), kafka.bootstrapServers(), Map.of(),
                        RelaySettings.defaults(topic, "/bench")).start();
                waitFor(received, ids);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("[bench] backlog of %d events published in %.2f s: %.0f events/s%n",
                        ids.size(), seconds, ids.size() / seconds);
                second.close();
                reader.interrupt();
                reader.join();
                assertThat(received.keySet()).containsAll(ids).containsAll(committed.keySet());
            } finally {
                relay.close();
            }
        }
    }

    private static void waitFor(Map<String, Long> received, java.util.Collection<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!received.keySet().containsAll(ids) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker kafka, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
