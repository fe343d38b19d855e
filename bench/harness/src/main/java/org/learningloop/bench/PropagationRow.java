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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

/**
 * R4: how long after a command's answer its change is visible in another service's read model: a team created in
 * goal-service ({@code POST /teams}, answered 201 once committed) until reporting-service's team history lists it. The
 * probe asks every 2 ms, so a figure is at most 2 ms late. The reference is the broker's own round trip: a record
 * produced with acks=all until a read_committed consumer polling every millisecond has it.
 *
 * <p>The note splits the system's time where it is spent: from the answer until goal-service's relay produced the
 * team's event (the record's timestamp), until a read_committed consumer of {@code loop.goals} polling every
 * millisecond has it (the relay's Kafka transaction committed), and until the history lists it (reporting-service's
 * fetch, its batch's transaction and the read).
 *
 * <p>Both figures are the warm system's: the broker's round trips and the system's samples are measured after
 * {@link #WARM_UP} teams created and awaited the same way, whose own p50 and p99 the note gives.
 */
final class PropagationRow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "bench.round-trip";

    /**
     * Teams created and awaited before the measured ones. The services start just before, and their JIT compilers
     * then take a third to half of a CPU for a minute or more (per-thread CPU of reporting-service during R4: its C2
     * compiler 30-42 %, its event loop 25 %); on two CPUs that is most of the latency measured. 100 teams at a time
     * from a fresh start read p99 313, 133, 101, 98, 80, 85, then 57 and 63 ms.
     */
    static final int WARM_UP = 1000;

    private final Stack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    PropagationRow(Stack stack) {
        this.stack = stack;
    }

    Row measure(UUID unit, int samples) throws Exception {
        long[] warmUp = new long[WARM_UP];
        long[] broker;
        long[] system = new long[samples];
        long[] produced = new long[samples];
        long[] readable = new long[samples];
        String token = Stack.adminToken();
        try (EventWatch watch = new EventWatch(stack.kafka().bootstrapServers(), "loop.goals")) {
            Progress.say("R4 warming up: %d teams created and awaited, not measured", WARM_UP);
            for (int i = 0; i < WARM_UP; i++) {
                warmUp[i] = teamVisibleAfter(unit, token, watch).history();
            }
            broker = brokerRoundTrips(samples * 5);
            for (int i = 0; i < samples; i++) {
                Visible visible = teamVisibleAfter(unit, token, watch);
                system[i] = visible.history();
                produced[i] = visible.produced();
                readable[i] = visible.readable();
            }
        }
        double p99 = Samples.percentile(system, 99);
        return new Row("R4", "p99 command commit → visible in reporting's team history", p99 / 1e6, "ms",
                "p99 Kafka produce (acks=all) → read_committed consume", Samples.percentile(broker, 99) / 1e6, Row.Target.atMost(7),
                String.format(java.util.Locale.ROOT, "system p50 %.1f ms over %d teams, after %d teams of warm-up (their p50 "
                                + "%.1f ms, p99 %.1f ms); broker p50 %.2f ms; from the answer (p50/p99): produced by the "
                                + "relay %.0f/%.0f ms, readable on loop.goals %.1f/%.1f ms, in the history %.1f/%.1f ms",
                        Samples.percentile(system, 50) / 1e6, samples, WARM_UP, Samples.percentile(warmUp, 50) / 1e6,
                        Samples.percentile(warmUp, 99) / 1e6, Samples.percentile(broker, 50) / 1e6,
                        Samples.percentile(produced, 50) / 1e6, Samples.percentile(produced, 99) / 1e6,
                        Samples.percentile(readable, 50) / 1e6, Samples.percentile(readable, 99) / 1e6,
                        Samples.percentile(system, 50) / 1e6, p99 / 1e6));
    }

    /**
     * Nanoseconds from the answer: until the relay produced the event (its record's timestamp, so millisecond
     * precision), until a read_committed consumer had it, and until the history listed it.
     */
    private record Visible(long produced, long readable, long history) {
    }

    /**
     * A read_committed consumer of a topic from its end, polling every millisecond on its own thread: when each record
     * arrived, and its timestamp.
     */
    private static final class EventWatch implements AutoCloseable {

        private record Arrival(String key, String value, long nanos, long timestampMillis) {
        }

        private final KafkaConsumer<String, String> consumer;
        private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
        private final Thread reader;

        EventWatch(String bootstrap, String topic) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(1))) {
                            arrivals.add(new Arrival(record.key(), record.value(), System.nanoTime(), record.timestamp()));
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException e) {
                        return;
                    }
                }
            }, "bench-propagation-watch");
            reader.start();
        }

        /** The first record whose key or value names {@code text}, waiting up to 60 s; older records are dropped. */
        Arrival arrival(String text) throws InterruptedException {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                for (Iterator<Arrival> i = arrivals.iterator(); i.hasNext(); ) {
                    Arrival arrival = i.next();
                    i.remove();
                    if (text.equals(arrival.key()) || (arrival.value() != null && arrival.value().contains(text))) {
                        return arrival;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no record naming " + text + " on the topic after 60 s");
                }
                Thread.sleep(1);
            }
        }

        @Override
        public void close() throws InterruptedException {
            reader.interrupt();
            reader.join();
            consumer.close();
        }
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

    /** From the 201 answer to the first team-history page that lists the new team's creation, split (see {@link Visible}). */
    private Visible teamVisibleAfter(UUID unit, String token, EventWatch watch) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("unitId", unit.toString(), "name", "Bench team " + UUID.randomUUID()));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(stack.url("goal-service").resolve("/teams"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        long answeredMillis = System.currentTimeMillis();
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
                    long listed = System.nanoTime() - answered;
                    EventWatch.Arrival arrival = watch.arrival(team);
                    return new Visible((arrival.timestampMillis() - answeredMillis) * 1_000_000L,
                            arrival.nanos() - answered, listed);
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
