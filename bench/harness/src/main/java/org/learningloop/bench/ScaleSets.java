package org.learningloop.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.learningloop.platform.outbox.CloudEventHeaders;
import org.learningloop.platform.runtime.TopicSetup;
import org.learningloop.simulator.Scenarios;
import org.learningloop.simulator.Simulation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S1's data sets, kept under {@code <bench home>/s1} and in the bench's broker and database between runs.
 *
 * <p><b>The template</b> is the living demo's scenario (a unit with three teams, four months and the current one),
 * played once through the services' public APIs under a name of its own; its records are what the relays published
 * for it, taken from the topics and written to {@code template.bin}.
 *
 * <p><b>A data set</b> of n events is copies of the template, produced to topics of its own ({@code <set>.goals},
 * {@code .activities}, {@code .learning}) as the relays produce them (key, headers, JSON; uncompressed, in Kafka
 * transactions of {@value #RELAY_ROUND} records, a relay's full round), until at least n events are out. Not the same
 * layout on the broker: a relay's transaction holds one topic's records, sent with no linger, while a set's spans the
 * three topics in the template's order, batched for 20 ms. Copy 0 is the template itself; every other copy has every
 * id in its key, headers and JSON (every UUID) replaced by one of its own, so each copy is another unit with its own
 * teams, streams and events. A reporting
 * service of its own ({@link #launch}) reads the set's topics into a database of its own. A set is complete once
 * {@code <set>.done} is written, naming {@link #FORMAT}; an incomplete one, or one produced in another form, is
 * dropped and produced again.
 */
final class ScaleSets {

    static final List<String> TOPICS = List.of("loop.goals", "loop.activities", "loop.learning");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int MAGIC = 0x53315431; // "S1T1"
    /** Records per Kafka transaction: a relay's full round ({@code loop.outbox.batch-size}'s default). */
    private static final int RELAY_ROUND = 500;
    /**
     * How a set's records are produced, named in its {@code .done}: before 2026-12-05 sets were LZ4-compressed and
     * not transactional, unlike what the relays publish, so a consumer of the set decompressed what it never would.
     */
    private static final String FORMAT = "format 2: uncompressed, transactions of " + RELAY_ROUND + " records";

    private final Stack stack;
    private final Path folder;

    ScaleSets(Stack stack, Path folder) {
        this.stack = stack;
        this.folder = folder;
    }

    /** One record as the relays published it. */
    record Stored(String topic, String key, List<Map.Entry<String, byte[]>> headers, byte[] value) {
    }

    /** The template's records, the team S1 reads and the recording time its state is asked at (about half its events). */
    record Template(List<Stored> records, UUID team, Instant knownAt) {
    }

    /** A data set: its name (topic prefix and service name), database and the events it holds. */
    record DataSet(String name, String database, long events) {

        List<String> topics() {
            return TOPICS.stream().map(topic -> name + topic.substring(topic.indexOf('.'))).toList();
        }
    }

    /** The template, played and captured the first time. */
    Template template() throws Exception {
        Path file = folder.resolve("template.bin");
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        Files.createDirectories(folder);
        Map<TopicPartition, Long> before = endOffsets();
        String name = "bench-s1-" + Instant.now().getEpochSecond();
        Progress.say("S1 playing the template (the demo's scenario as %s) through the APIs, once", name);
        Simulation.Result played = new Simulation(Fixture.steps(stack), Scenarios.demo(name, Instant.now()), line -> { })
                .run();
        Map<TopicPartition, Long> after = settledEndOffsets();
        List<Stored> records = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : read(before, after)) {
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            record.headers().forEach(header -> headers.add(Map.entry(header.key(), header.value())));
            records.add(new Stored(record.topic(), record.key(), headers, record.value()));
        }
        UUID team = played.teams().get(0).teamId();
        List<Instant> times = records.stream().filter(record -> team.toString().equals(record.key()))
                .map(record -> Instant.parse(header(record, CloudEventHeaders.TIME))).sorted().toList();
        if (times.isEmpty()) {
            throw new IllegalStateException("the template's records name no event of its team " + team);
        }
        Template template = new Template(records, team, times.get(times.size() / 2));
        write(template, file);
        Progress.say("S1 template: %,d records, team %s", records.size(), team);
        return template;
    }

    /**
     * The set of at least {@code events} events, produced unless it is complete: copies of the template to the set's
     * own topics (created with the partitions of the system's own).
     */
    DataSet ensure(Template template, long events) throws Exception {
        String name = "bench-s1-" + events;
        Path done = folder.resolve(name + ".done");
        long copies = (events + template.records().size() - 1) / template.records().size();
        DataSet set = new DataSet(name, "bench_s1_" + events, copies * template.records().size());
        if (Files.isRegularFile(done) && Files.readString(done).contains(FORMAT)) {
            return set;
        }
        Progress.say("S1 producing %s: %,d copies of the template's %,d records (once; kept for later runs)", name,
                copies, template.records().size());
        dropDatabase(set.database());
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            partitions = admin.describeTopics(List.of(TOPICS.get(0))).allTopicNames().get().get(TOPICS.get(0))
                    .partitions().size();
            Set<String> existing = admin.listTopics().names().get();
            List<String> stale = set.topics().stream().filter(existing::contains).toList();
            if (!stale.isEmpty()) {
                admin.deleteTopics(stale).all().get();
                while (admin.listTopics().names().get().stream().anyMatch(stale::contains)) {
                    Thread.sleep(200);
                }
            }
        }
        TopicSetup.ensure(stack.kafka().bootstrapServers(), set.topics(), partitions, (short) 1, null);
        long started = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + name + "-" + Instant.now().getEpochSecond()),
                new StringSerializer(), new ByteArraySerializer())) {
            // as the relays publish (ADR 2): uncompressed, a round of records per transaction
            producer.initTransactions();
            producer.beginTransaction();
            for (long copy = 0; copy < copies; copy++) {
                Map<String, String> ids = new HashMap<>();
                for (Stored record : template.records()) {
                    producer.send(copy(record, copy, ids, set));
                    sent++;
                    if (sent % RELAY_ROUND == 0) {
                        producer.commitTransaction();
                        producer.beginTransaction();
                    }
                }
                if ((copy + 1) % Math.max(1, copies / 20) == 0) {
                    Progress.say("S1 %s: %,d of %,d records sent (%,.0f/s)", name, sent, set.events(),
                            sent / ((System.nanoTime() - started) / 1e9));
                }
            }
            producer.commitTransaction();
        }
        Files.writeString(done, set.events() + " events in " + copies + " copies, " + FORMAT + "\n");
        Progress.say("S1 %s: %,d records produced in %.0f s", name, sent, (System.nanoTime() - started) / 1e9);
        return set;
    }

    /**
     * Starts a reporting-service of the set's own ({@code reporting-<set>}) on its database and topics, and waits until
     * its projections have applied every event of the set and its consumers have caught up; the service's name.
     */
    String launch(DataSet set, Duration patience) throws Exception {
        String service = "reporting-" + set.name();
        String topics = String.join(",", set.topics());
        String deadLetters = set.name() + ".dlq";
        stack.launch(service, "reporting-service", set.database(), Map.of(
                "LOOP_SERVICE_NAME", service,
                "LOOP_TOPICS_ENSURE", topics + "," + deadLetters,
                "LOOP_PROJECTIONS_TOPICS", topics,
                "LOOP_PROJECTIONS_DEAD_LETTER_TOPIC", deadLetters,
                "MP_MESSAGING_INCOMING_ORGANISATION_TOPIC", set.topics().get(0),
                "MP_MESSAGING_INCOMING_ORGANISATION_GROUP_ID", service + ".organisation",
                "MP_MESSAGING_INCOMING_ORGANISATION_DEAD_LETTER_QUEUE_TOPIC", deadLetters,
                "MP_MESSAGING_INCOMING_TEXT_KEYS_DEAD_LETTER_QUEUE_TOPIC", deadLetters));
        RebuildRow projections = new RebuildRow(stack, service);
        long started = System.nanoTime();
        long deadline = started + patience.toNanos();
        long lastSaid = started;
        long lastApplied = projections.leastEventsApplied();
        // when each projection applied the whole set: those that had already are not timed
        Map<String, Double> caughtUp = new TreeMap<>();
        Set<String> already = new HashSet<>();
        projections.eventsApplied().forEach((name, events) -> {
            if (events >= set.events()) {
                already.add(name);
            }
        });
        while (true) {
            Map<String, Long> each = projections.eventsApplied();
            long applied = each.values().stream().mapToLong(Long::longValue).min().orElse(0);
            each.forEach((name, events) -> {
                if (events >= set.events() && !already.contains(name) && !caughtUp.containsKey(name)) {
                    caughtUp.put(name, (System.nanoTime() - started) / 1e9);
                }
            });
            long behind = stack.lag(service);
            if (applied >= set.events() && behind <= Stack.QUIET_REMAINDER) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + " applied " + applied + " of " + set.events()
                        + " events in " + patience.toMinutes() + " minutes");
            }
            if (System.nanoTime() - lastSaid > 30_000_000_000L) {
                Progress.say("S1 %s: every projection has applied at least %,d of %,d events (%,.0f/s)", service,
                        applied, set.events(), (applied - lastApplied) / ((System.nanoTime() - lastSaid) / 1e9));
                lastSaid = System.nanoTime();
                lastApplied = applied;
            }
            Thread.sleep(1000);
        }
        Progress.say("S1 %s holds its %,d events (caught up in %.0f s; %s)", service, set.events(),
                (System.nanoTime() - started) / 1e9, caughtUp.isEmpty() ? "already there"
                        : String.join(", ", caughtUp.entrySet().stream()
                        .map(entry -> String.format("%s in %.0f s, %,.0f events/s", entry.getKey(), entry.getValue(),
                                set.events() / entry.getValue())).toList()));
        return service;
    }

    /** The template's record as copy {@code copy}: every id replaced by the copy's own (copy 0 is the template). */
    private static ProducerRecord<String, byte[]> copy(Stored record, long copy, Map<String, String> ids, DataSet set) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, byte[]> header : record.headers()) {
            headers.add(header.getKey(), remap(header.getValue(), copy, ids));
        }
        String topic = set.name() + record.topic().substring(record.topic().indexOf('.'));
        String key = record.key() == null ? null : remap(record.key(), copy, ids);
        return new ProducerRecord<>(topic, null, key, remap(record.value(), copy, ids), headers);
    }

    private static byte[] remap(byte[] text, long copy, Map<String, String> ids) {
        return copy == 0 || text == null ? text
                : remap(new String(text, StandardCharsets.UTF_8), copy, ids).getBytes(StandardCharsets.UTF_8);
    }

    private static String remap(String text, long copy, Map<String, String> ids) {
        if (copy == 0) {
            return text;
        }
        Matcher matcher = UUID_TEXT.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            matcher.appendReplacement(out, ids.computeIfAbsent(matcher.group(), id ->
                    UUID.nameUUIDFromBytes((copy + "/" + id).getBytes(StandardCharsets.UTF_8)).toString()));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    private static String header(Stored record, String name) {
        return record.headers().stream().filter(header -> header.getKey().equals(name))
                .map(header -> new String(header.getValue(), StandardCharsets.UTF_8)).findFirst()
                .orElseThrow(() -> new IllegalStateException("a template record without " + name));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            return consumer.endOffsets(partitions);
        }
    }

    /** The topics' end offsets once the relays have published what the services committed (3 s without a change). */
    private Map<TopicPartition, Long> settledEndOffsets() throws InterruptedException {
        Map<TopicPartition, Long> last = endOffsets();
        int still = 0;
        while (still < 3) {
            Thread.sleep(1000);
            Map<TopicPartition, Long> now = endOffsets();
            still = now.equals(last) ? still + 1 : 0;
            last = now;
        }
        return last;
    }

    /** The committed records between {@code from} and {@code to}, each partition in order. */
    private List<ConsumerRecord<String, byte[]>> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>(to.keySet());
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < to.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the template's records in 2 minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition) && record.headers().lastHeader(CloudEventHeaders.ID) != null) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private void dropDatabase(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("postgres"),
                stack.postgres().user(), stack.postgres().password());
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }

    private static void write(Template template, Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeInt(MAGIC);
            out.writeUTF(template.team().toString());
            out.writeUTF(template.knownAt().toString());
            out.writeInt(template.records().size());
            for (Stored record : template.records()) {
                out.writeUTF(record.topic());
                out.writeBoolean(record.key() != null);
                if (record.key() != null) {
                    out.writeUTF(record.key());
                }
                out.writeInt(record.headers().size());
                for (Map.Entry<String, byte[]> header : record.headers()) {
                    out.writeUTF(header.getKey());
                    bytes(out, header.getValue());
                }
                bytes(out, record.value());
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Template read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalStateException(file + " is not an S1 template; delete it to capture a new one");
            }
            UUID team = UUID.fromString(in.readUTF());
            Instant knownAt = Instant.parse(in.readUTF());
            int count = in.readInt();
            List<Stored> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String topic = in.readUTF();
                String key = in.readBoolean() ? in.readUTF() : null;
                int headerCount = in.readInt();
                List<Map.Entry<String, byte[]>> headers = new ArrayList<>(headerCount);
                for (int h = 0; h < headerCount; h++) {
                    headers.add(Map.entry(in.readUTF(), bytes(in)));
                }
                records.add(new Stored(topic, key, headers, bytes(in)));
            }
            return new Template(records, team, knownAt);
        }
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
