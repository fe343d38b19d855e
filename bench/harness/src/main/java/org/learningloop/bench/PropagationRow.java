package org.learningloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * R4: how long after a command's answer its change is visible in another service's read model: a team created in
 * goal-service ({@code POST /teams}, answered 201 once committed) until reporting-service's team history lists it. The
 * probe asks every 2 ms, so a figure is at most 2 ms late. The reference is the broker's own round trip: a record
 * produced with acks=all until a read_committed consumer polling every millisecond has it.
 */
final class PropagationRow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "bench.round-trip";

    private final Stack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    PropagationRow(Stack stack) {
        this.stack = stack;
    }

    Row measure(UUID unit, int samples) throws Exception {
        long[] broker = brokerRoundTrips(samples * 5);
        long[] system = new long[samples];
        String token = Stack.adminToken();
        for (int i = 0; i < samples; i++) {
            system[i] = teamVisibleAfter(unit, token);
        }
        double p99 = Samples.percentile(system, 99);
        return new Row("R4", "p99 command commit → visible in reporting's team history", p99 / 1e6, "ms",
                "p99 Kafka produce (acks=all) → read_committed consume", Samples.percentile(broker, 99) / 1e6, Row.Target.atMost(7),
                String.format(java.util.Locale.ROOT, "system p50 %.1f ms over %d teams; broker p50 %.2f ms",
                        Samples.percentile(system, 50) / 1e6, samples, Samples.percentile(broker, 50) / 1e6));
    }

    /** Nanoseconds from each record's send to its consumption. */
    private long[] brokerRoundTrips(int samples) throws Exception {
        String bootstrap = stack.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Map<String, Long> received = new ConcurrentHashMap<>();
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            Thread reader = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(1))) {
                            received.put(record.key(), System.nanoTime());
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException e) {
                        return;
                    }
                }
            }, "bench-round-trip-reader");
            reader.start();
            long[] trips = new long[samples];
            for (int i = 0; i < samples; i++) {
                String key = UUID.randomUUID().toString();
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, key, "{}"));
                while (!received.containsKey(key)) {
                    Thread.onSpinWait();
                    if (System.nanoTime() - sent > 10_000_000_000L) {
                        throw new IllegalStateException("a record took more than 10 s to come back");
                    }
                }
                trips[i] = received.get(key) - sent;
                Thread.sleep(2);
            }
            reader.interrupt();
            reader.join();
            return trips;
        }
    }

    /** Nanoseconds from the 201 answer to the first team-history page that lists the new team's creation. */
    private long teamVisibleAfter(UUID unit, String token) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("unitId", unit.toString(), "name", "Bench team " + UUID.randomUUID()));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(stack.url("goal-service").resolve("/teams"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating a team answered " + created.statusCode() + ": " + created.body());
        }
        String team = JSON.readTree(created.body()).path("id").asText();
        URI history = stack.url("reporting-service").resolve("/teams/" + team + "/history");
        while (true) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(history).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200) {
                JsonNode items = JSON.readTree(page.body()).path("items");
                if (items.size() > 0) {
                    return System.nanoTime() - answered;
                }
            }
            if (System.nanoTime() - answered > 60_000_000_000L) {
                throw new IllegalStateException("team " + team + " not in reporting's history after 60 s (last answer "
                        + page.statusCode() + ")");
            }
            Thread.sleep(2);
        }
    }
}
