package org.learningloop.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.learningloop.platform.outbox.CloudEventHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * R12: how much faster a projection replays its topics than it can take them live. The replay rate is the team history's
 * rebuild from offset 0 (as R11 measures it); the live ingest is the highest constant rate at which the live generation
 * applies records as they arrive, one poll at a time. The records are copies of the topics' own (the real mix of event
 * types), each with a fresh event id and stream id, so the projection applies every copy as a new event; every consumer
 * of the topics takes them, as live traffic. A rate is sustained when the live generation has applied every copy of a
 * level within one second of the last one produced.
 */
final class LiveIngestRow {

    static final String PROJECTION = "team-history";
    private static final List<String> TOPICS = List.of("loop.goals", "loop.activities", "loop.learning");
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(1);

    private final Stack stack;
    private final RebuildRow rebuilds;
    private final int seconds;

    LiveIngestRow(Stack stack, int seconds) {
        this.stack = stack;
        this.rebuilds = new RebuildRow(stack);
        this.seconds = seconds;
    }

    Row measure() throws Exception {
        RebuildRow.Rebuild replay = rebuilds.rebuild(PROJECTION);
        double replayRate = replay.events() / replay.seconds();
        List<ConsumerRecord<String, byte[]>> originals = originals(50_000);
        if (originals.isEmpty()) {
            return Row.unmeasured("R12", "replay rate", "peak sustained live ingest", Row.Target.atLeast(5),
                    "the topics hold no records to copy");
        }
        Progress.say("R12 replayed %s: %,d events in %.1f s (%,.0f/s); copying from %,d records", PROJECTION,
                replay.events(), replay.seconds(), replayRate, originals.size());
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(),
                new ByteArraySerializer())) {
            Copier copier = new Copier(producer, originals, run);
            double best = 0;
            String bestNote = "no rate sustained";
            double low = 0;
            double high = 0;
            for (double rate = 250; rate <= 64_000; rate *= 2) {
                Level level = level(copier, rate);
                if (!level.sustained()) {
                    high = rate;
                    break;
                }
                low = rate;
                best = level.applied();
                bestNote = level.note();
            }
            for (int i = 0; i < 2 && low > 0 && high > 0; i++) {
                double rate = (low + high) / 2;
                Level level = level(copier, rate);
                if (level.sustained()) {
                    low = rate;
                    best = level.applied();
                    bestNote = level.note();
                } else {
                    high = rate;
                }
            }
            stack.awaitQuiet(Duration.ofMinutes(10));
            return new Row("R12", "replay rate of the team history (rebuild from offset 0), events/s", replayRate, "/s",
                    "its peak sustained live ingest, events/s", best, Row.Target.atLeast(5),
                    String.format(Locale.ROOT, "replay %,d events in %.1f s; live: %s", replay.events(),
                            replay.seconds(), bestNote));
        }
    }

    /** Copies at {@code rate} for the measured window, then waits for the live generation to have applied them. */
    private Level level(Copier copier, double rate) throws Exception {
        // every level starts with every consumer caught up on the one before
        stack.awaitQuiet(Duration.ofMinutes(5));
        long before = rebuilds.liveEventsApplied(PROJECTION);
        long count = Math.round(rate * seconds);
        long started = System.nanoTime();
        for (long sent = 0; sent < count; ) {
            long due = Math.min(count, (long) ((System.nanoTime() - started) / 1e9 * rate) + 1);
            while (sent < due) {
                copier.send();
                sent++;
            }
            LockSupport.parkNanos(500_000);
        }
        copier.flush();
        long produced = System.nanoTime();
        double producing = (produced - started) / 1e9;
        long deadline = produced + DRAIN_BOUND.toNanos() * 10;
        long applied = rebuilds.liveEventsApplied(PROJECTION) - before;
        while (applied < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            applied = rebuilds.liveEventsApplied(PROJECTION) - before;
        }
        double drained = (System.nanoTime() - produced) / 1e9;
        // the rate was offered only if the copies went out in the window: when the broker, or the machine, could not
        // take them that fast, the level is not sustained whatever the projection did
        boolean offered = producing <= seconds * 1.05;
        boolean sustained = offered && applied >= count && drained <= DRAIN_BOUND.toMillis() / 1000.0;
        String note = String.format(Locale.ROOT, "%.0f/s offered: %,d copies produced in %.1f s, %,d applied, the last "
                + "%.2f s after the last was produced", rate, count, producing, applied, drained);
        Progress.say("R12 live %s%s", note, sustained ? "" : " (not sustained)");
        return new Level(sustained, count / producing, note);
    }

    private record Level(boolean sustained, double applied, String note) {
    }

    /** Up to {@code limit} records of the topics from their beginning, in each partition's order. */
    private List<ConsumerRecord<String, byte[]>> originals(int limit) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long idle = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (records.size() < limit && System.nanoTime() < idle
                    && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (records.size() < limit && record.headers().lastHeader(CloudEventHeaders.ID) != null) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /**
     * Sends copies of the originals round and round: each with a fresh event id, its stream renamed per run and round
     * (so a copied stream's versions stay in order), to the original's topic, key and partition.
     */
    private static final class Copier {
        private final KafkaProducer<String, byte[]> producer;
        private final List<ConsumerRecord<String, byte[]>> originals;
        private final String run;
        private int next;
        private int round;

        Copier(KafkaProducer<String, byte[]> producer, List<ConsumerRecord<String, byte[]>> originals, String run) {
            this.producer = producer;
            this.originals = originals;
            this.run = run;
        }

        void send() {
            if (next == originals.size()) {
                next = 0;
                round++;
            }
            ConsumerRecord<String, byte[]> original = originals.get(next++);
            RecordHeaders headers = new RecordHeaders();
            for (Header header : original.headers()) {
                switch (header.key()) {
                    case CloudEventHeaders.ID -> headers.add(CloudEventHeaders.ID,
                            UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                    case CloudEventHeaders.STREAM_ID -> headers.add(CloudEventHeaders.STREAM_ID,
                            (new String(header.value(), StandardCharsets.UTF_8) + "~r12-" + run + "-" + round)
                                    .getBytes(StandardCharsets.UTF_8));
                    default -> headers.add(header);
                }
            }
            producer.send(new ProducerRecord<>(original.topic(), original.partition(), null, original.key(),
                    original.value(), headers));
        }

        void flush() {
            producer.flush();
        }
    }
}
