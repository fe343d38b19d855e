package org.learningloop.reporting.projection;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.observability.Logs;
import org.learningloop.platform.observability.LoopMetrics;
import org.learningloop.platform.observability.Traces;
import org.learningloop.platform.inbox.PoisonEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Feeds one generation of one projection: a plain {@link KafkaConsumer} on its own thread assigns every
 * partition of the three topics, seeks to the generation's checkpoint (or the beginning), and applies each
 * polled batch in ONE transaction together with the new checkpoint, so a redelivered batch (after a
 * failure or a restart) starts where the committed data ends. See {@code docs/adr/0009-projection-runtime.md}.
 */
final class ProjectionRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);
    private static final String REFUSED = "Refused by the projection: ";
    private static final Tracer TRACER = GlobalOpenTelemetry.getTracer("learning-loop.projections");
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    /** The generation has been retired by a switch: this runner has nothing left to do. */
    /**
     * Another runner of the same generation (another replica) applied part of this batch first: the batch is
     * rolled back and the runner reads on from the checkpoint, so no event is applied twice.
     */
    static final class Overtaken extends RuntimeException {
        Overtaken(String where) {
            super("Another runner applied " + where + " first; reading on from the checkpoint", null, false, false);
        }
    }

    static final class Retired extends RuntimeException {
        Retired() {
            super("generation retired", null, false, false);
        }
    }

    /** Called by a building generation's runner once it has read up to the end offsets it observed. */
    interface CaughtUp {
        /** @return whether the generation is live now */
        boolean caughtUp(ProjectionRunner runner);
    }

    /** Poison found while applying a batch: these records go to the dead-letter topic and are skipped. */
    private static final class PoisonFound extends RuntimeException {
        final Map<Integer, String> reasons;

        PoisonFound(Map<Integer, String> reasons) {
            super("poison in batch", null, false, false);
            this.reasons = reasons;
        }
    }

    private final Projection projection;
    final int generation;
    final String schema;
    private final Pool pool;
    private final Inbox decoder;
    private final Producer<String, String> deadLetters;
    private final Map<String, Object> consumerConfig;
    private final List<String> topics;
    private final String deadLetterTopic;
    private final CaughtUp caughtUp;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean building;
    private volatile KafkaConsumer<String, String> consumer;
    /** The checkpoint this runner last read or saved, per partition (the runner's thread only). */
    private final Map<TopicPartition, Long> saved = new HashMap<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile Instant lastAppliedAt;
    private final Deque<long[]> recent = new ArrayDeque<>();
    private long appliedSinceStart;
    /** Records on this runner's partitions it has not read yet, as of its last poll. */
    private volatile long lag;
    /** Since when the runner has been behind (its lag above zero), or {@code null} while it keeps up. */
    private volatile Instant behindSince;
    private final String consumerName;
    private final Counter applied;

    ProjectionRunner(Projection projection, int generation, String schema, boolean building, Pool pool, Inbox decoder,
                     Producer<String, String> deadLetters, Map<String, Object> clientConfig, ProjectionSettings settings, CaughtUp caughtUp) {
        this.projection = projection;
        this.generation = generation;
        this.schema = schema;
        this.building = building;
        this.pool = pool;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.caughtUp = caughtUp;
        this.topics = List.copyOf(settings.topics());
        this.deadLetterTopic = settings.deadLetterTopic();
        this.consumerName = "reporting-service." + projection.name();
        decoder.metrics().consumer(consumerName);
        this.applied = Counter.builder("loop.projection.applied")
                .description("Events a projection applied (every generation: a rebuild's replay counts too)")
                .tag("projection", projection.name()).register(decoder.metrics().registry());
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the relays publish in transactions: only committed rounds, so a stream is seen in order (ADR 2)
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-service." + projection.name() + ".g" + generation);
        this.consumerConfig = Map.copyOf(config);
        this.thread = new Thread(this::run, "projection-" + projection.name() + "-g" + generation);
        this.thread.setDaemon(true);
    }

    /** The configuration the runner's consumer is created with. */
    Map<String, Object> consumerConfig() {
        return consumerConfig;
    }

    ProjectionRunner start() {
        thread.start();
        return this;
    }

    String projectionName() {
        return projection.name();
    }

    boolean building() {
        return building;
    }

    void nowLive() {
        building = false;
    }

    boolean running() {
        return running && thread.isAlive();
    }

    String lastError() {
        return lastError.get();
    }

    Instant lastAppliedAt() {
        return lastAppliedAt;
    }

    /** Events applied per second over the last ten seconds. */
    synchronized double eventsPerSecond() {
        long now = System.nanoTime();
        long since = now - RATE_WINDOW.toNanos();
        long sum = 0;
        for (long[] sample : recent) {
            if (sample[0] >= since) {
                sum += sample[1];
            }
        }
        return sum / (double) RATE_WINDOW.toSeconds();
    }

    synchronized long appliedSinceStart() {
        return appliedSinceStart;
    }

    private synchronized void count(int applied) {
        long now = System.nanoTime();
        recent.addLast(new long[] {now, applied});
        while (!recent.isEmpty() && recent.peekFirst()[0] < now - RATE_WINDOW.toNanos()) {
            recent.removeFirst();
        }
        appliedSinceStart += applied;
        this.applied.increment(applied);
    }

    /** Records not read yet on this runner's partitions, as of its last poll. */
    long lag() {
        return lag;
    }

    /** How long this runner has been behind ({@link Duration#ZERO} while it keeps up). */
    Duration behind() {
        Instant since = behindSince;
        return since == null ? Duration.ZERO : Duration.between(since, Instant.now());
    }

    /** After a poll: what is left to read on the partitions, from the consumer's own fetch positions (no round trip). */
    private void measureLag(KafkaConsumer<String, String> kafka, List<TopicPartition> partitions) {
        long left = 0;
        for (TopicPartition partition : partitions) {
            left += kafka.currentLag(partition).orElse(0);
        }
        lag = left;
        if (left == 0) {
            behindSince = null;
        } else if (behindSince == null) {
            behindSince = Instant.now();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(Duration.ofSeconds(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig)) {
                consumer = kafka;
                List<TopicPartition> partitions = assign(kafka);
                consume(kafka, partitions);
            } catch (Retired retired) {
                LOG.infof("Projection %s generation %d retired", projection.name(), generation);
                running = false;
            } catch (Overtaken overtaken) {
                LOG.debugf("Projection %s generation %d: %s", projection.name(), generation, overtaken.getMessage());
            } catch (WakeupException e) {
                if (running) {
                    lastError.set(describe(e));
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                lastError.set(describe(e));
                LOG.warnf("Projection %s generation %d failed, restarting in %d ms: %s", projection.name(), generation,
                        backoff.toMillis(), describe(e));
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(5));
            } finally {
                consumer = null;
            }
        }
    }

    private List<TopicPartition> assign(KafkaConsumer<String, String> kafka) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            kafka.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        kafka.assign(partitions);
        Map<TopicPartition, Long> checkpoint = checkpoint();
        saved.clear();
        saved.putAll(checkpoint);
        for (TopicPartition partition : partitions) {
            Long next = checkpoint.get(partition);
            if (next == null) {
                kafka.seekToBeginning(List.of(partition));
            } else {
                kafka.seek(partition, next);
            }
        }
        return partitions;
    }

    private Map<TopicPartition, Long> checkpoint() {
        return pool.preparedQuery("select topic, partition, next_offset from projection_checkpoint "
                        + "where projection = $1 and generation = $2")
                .execute(Tuple.of(projection.name(), generation))
                .map(rows -> {
                    Map<TopicPartition, Long> positions = new HashMap<>();
                    for (Row row : rows) {
                        positions.put(new TopicPartition(row.getString("topic"), row.getInteger("partition")),
                                row.getLong("next_offset"));
                    }
                    return positions;
                })
                .await().atMost(Duration.ofSeconds(30));
    }

    private void consume(KafkaConsumer<String, String> kafka, List<TopicPartition> partitions) {
        long lastCaughtUpCheck = 0;
        while (running) {
            ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(200));
            measureLag(kafka, partitions);
            if (!records.isEmpty()) {
                List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                Map<TopicPartition, Long> positions = new HashMap<>();
                records.partitions().forEach(partition -> positions.put(partition, kafka.position(partition)));
                applyWithRetry(batch, positions);
            } else {
                advancePastMarkers(kafka, partitions);
            }
            // not "at the end of every partition": under a steady write load that moment never comes (a new
            // record, or the commit marker after the last one, is always ahead), and the rebuild would never go
            // live. What the switch needs is that this generation has read at least as far as the live one on
            // every partition, which the switch itself checks with both generations locked.
            if (building && running && (records.isEmpty()
                    || System.nanoTime() - lastCaughtUpCheck > TimeUnit.SECONDS.toNanos(2))) {
                lastCaughtUpCheck = System.nanoTime();
                if (caughtUp.caughtUp(this)) {
                    building = false;
                }
            }
        }
    }

    /**
     * The relays publish in Kafka transactions (ADR 2): each round ends in a commit marker that takes an offset of
     * its own and is never returned by a poll. When the consumer's position has moved past the checkpoint with no
     * record to apply, everything in between is markers (or aborted records): the checkpoint moves up to the
     * position, so that a projection that applied everything shows no lag.
     */
    private void advancePastMarkers(KafkaConsumer<String, String> kafka, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> advanced = new HashMap<>();
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long at = saved.get(partition);
            if (at != null) {
                long position = kafka.position(partition);
                if (position > at) {
                    advanced.put(partition, position);
                    from.put(partition, at);
                }
            }
        }
        if (advanced.isEmpty()) {
            return;
        }
        pool.withTransaction(tx -> claim(tx, 0).chain(() -> notOvertaken(tx, from)).chain(() -> saveCheckpoint(tx, advanced)))
                .await().atMost(Duration.ofSeconds(30));
        saved.putAll(advanced);
    }

    /** Applies the batch until it commits; failures other than poison are retried with backoff (the batch waits). */
    private void applyWithRetry(List<ConsumerRecord<String, String>> batch, Map<TopicPartition, Long> positions) {
        Duration backoff = Duration.ofMillis(100);
        Set<Integer> skip = new HashSet<>();
        Map<Integer, IncomingEvent> decoded = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<String, String> record = batch.get(i);
            try {
                decoded.put(i, decoder.decode(record));
            } catch (PoisonEvent poison) {
                deadLetter(record, LoopMetrics.UNDECODABLE, poison.getMessage(), poison);
                skip.add(i);
            }
        }
        boolean savepoints = false;
        while (running) {
            try {
                long t0 = System.nanoTime();
                int applied = apply(batch, decoded, skip, savepoints, positions);
                LOG.debugf("Projection %s generation %d applied %d events in %d ms", projection.name(), generation, applied,
                        (System.nanoTime() - t0) / 1_000_000);
                traced(batch, decoded, skip);
                lastError.set(null);
                lastAppliedAt = Instant.now();
                count(applied);
                return;
            } catch (PoisonFound found) {
                found.reasons.forEach((index, reason) -> {
                    deadLetter(batch.get(index), reason.startsWith(REFUSED) ? LoopMetrics.REFUSED
                            : LoopMetrics.CANNOT_APPLY, reason, null);
                    skip.add(index);
                });
                savepoints = false;
            } catch (Retired | Overtaken stop) {
                throw stop;
            } catch (RuntimeException failure) {
                if (deterministic(failure) && !savepoints) {
                    // find the event(s) that fail the same way every time, one savepoint each
                    savepoints = true;
                    continue;
                }
                if (!running) {
                    return;
                }
                lastError.set(describe(failure));
                LOG.warnf("Projection %s generation %d: batch of %d failed, retrying in %d ms: %s", projection.name(),
                        generation, batch.size(), backoff.toMillis(), describe(failure));
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(5));
            }
        }
    }

    /**
     * Continues each applied event's trace (ADR 19): a consumer span per event whose record carries a trace context,
     * child of the span that recorded the event, and a debug line in it naming the event.
     */
    private void traced(List<ConsumerRecord<String, String>> batch, Map<Integer, IncomingEvent> decoded,
                        Set<Integer> skip) {
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<String, String> record = batch.get(i);
            io.opentelemetry.context.Context parent = Traces.of(record.headers());
            if (skip.contains(i) || !Span.fromContext(parent).getSpanContext().isValid()) {
                continue;
            }
            IncomingEvent event = decoded.get(i);
            Span span = TRACER.spanBuilder(projection.name() + " apply").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("loop.event.id", event.eventId().toString())
                    .setAttribute("loop.event.type", event.type())
                    .setAttribute("loop.projection.generation", generation).startSpan();
            try (Scope scope = span.makeCurrent()) {
                Logs.handling(event.eventId(), event.type(), event.streamId());
                LOG.debugf("Projection %s generation %d applied %s (%s)", projection.name(), generation,
                        event.eventId(), event.type());
            } finally {
                Logs.handled();
                span.end();
            }
        }
    }

    /**
     * Applies the batch in one transaction with the new checkpoint: per partition, the consumer's position after the
     * poll (past the batch's last record and any transaction markers the poll skipped after it).
     */
    private int apply(List<ConsumerRecord<String, String>> batch, Map<Integer, IncomingEvent> decoded, Set<Integer> skip,
                      boolean savepoints, Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, String> record : batch) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            next.merge(partition, record.offset() + 1, Math::max);
            first.merge(partition, record.offset(), Math::min);
        }
        next.replaceAll((partition, offset) -> Math.max(offset, positions.getOrDefault(partition, offset)));
        int applied = batch.size() - skip.size();
        Map<Integer, String> poison = new HashMap<>();
        return pool.withTransaction(tx -> claim(tx, applied)
                        .chain(() -> notOvertaken(tx, first))
                        .chain(() -> tx.query("set local search_path to " + Schemas.quote(schema) + ", public").execute())
                        .chain(() -> {
                            List<Integer> indexes = new ArrayList<>(batch.size());
                            for (int i = 0; i < batch.size(); i++) {
                                if (!skip.contains(i)) {
                                    indexes.add(i);
                                }
                            }
                            if (!savepoints && projection instanceof PipelinedProjection && !indexes.isEmpty()) {
                                // every event subscribed (so its statements sent) in the batch's order at once
                                return Uni.join().all(indexes.stream()
                                                .map(index -> projection.apply(tx, decoded.get(index))).toList())
                                        .andFailFast().replaceWithVoid();
                            }
                            // one event after the other, in the batch's order (an event may read what an earlier one wrote)
                            return Multi.createFrom().iterable(indexes)
                                    .onItem().transformToUniAndConcatenate(index -> savepoints
                                            ? applyOne(tx, decoded.get(index), index, poison)
                                            : projection.apply(tx, decoded.get(index)).replaceWith(index))
                                    .collect().last().replaceWithVoid();
                        })
                        .chain(() -> poison.isEmpty()
                                ? saveCheckpoint(tx, next)
                                : Uni.createFrom().failure(new PoisonFound(poison))))
                .replaceWith(applied)
                .invoke(() -> saved.putAll(next))
                .await().atMost(Duration.ofMinutes(2));
    }

    /** One event behind a savepoint: a deterministic failure marks it poison and undoes only its own writes. */
    private Uni<Integer> applyOne(SqlConnection tx, IncomingEvent event, int index, Map<Integer, String> poison) {
        return tx.query("savepoint apply_event").execute()
                .chain(() -> projection.apply(tx, event))
                .chain(() -> tx.query("release savepoint apply_event").execute())
                .replaceWith(index)
                .onFailure(ProjectionRunner::deterministic).recoverWithUni(failure -> {
                    poison.put(index, failure instanceof CommandRejected
                            ? REFUSED + failure.getMessage()
                            : "The event cannot be applied: " + failure);
                    return tx.query("rollback to savepoint apply_event").execute().replaceWith(index);
                });
    }

    /**
     * Locks this generation's row for the batch (a switch-over waits for the batch, and a batch after the
     * switch sees its generation retired) and counts what the batch applies.
     */
    private Uni<Void> claim(SqlConnection tx, int applied) {
        return tx.preparedQuery("update projection_generation set events_applied = events_applied + $3, "
                        + "last_applied_at = now() where projection = $1 and generation = $2 returning state")
                .execute(Tuple.of(projection.name(), generation, applied))
                .chain(rows -> {
                    if (!rows.iterator().hasNext() || "retired".equals(rows.iterator().next().getString("state"))) {
                        return Uni.createFrom().failure(new Retired());
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Under the generation's row lock taken by {@link #claim}: fails with {@link Overtaken} when the stored
     * checkpoint of a partition is already past the batch's first offset there (another replica's runner applied it).
     */
    private Uni<Void> notOvertaken(SqlConnection tx, Map<TopicPartition, Long> first) {
        return tx.preparedQuery("select topic, partition, next_offset from public.projection_checkpoint "
                        + "where projection = $1 and generation = $2")
                .execute(Tuple.of(projection.name(), generation))
                .chain(rows -> {
                    for (Row row : rows) {
                        TopicPartition partition = new TopicPartition(row.getString("topic"), row.getInteger("partition"));
                        Long batchStart = first.get(partition);
                        if (batchStart != null && row.getLong("next_offset") > batchStart) {
                            return Uni.createFrom().failure(new Overtaken(partition + "@" + batchStart));
                        }
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> saveCheckpoint(SqlConnection tx, Map<TopicPartition, Long> next) {
        List<String> topics = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        next.forEach((partition, offset) -> {
            topics.add(partition.topic());
            partitions.add(partition.partition());
            offsets.add(offset);
        });
        return tx.preparedQuery("""
                        insert into public.projection_checkpoint (projection, generation, topic, partition, next_offset)
                        select $1, $2, t, p, o from unnest($3::text[], $4::int[], $5::bigint[]) as c(t, p, o)
                        on conflict (projection, generation, topic, partition)
                        do update set next_offset = excluded.next_offset""")
                .execute(Tuple.of(projection.name(), generation, topics.toArray(new String[0]),
                        partitions.toArray(new Integer[0]), offsets.toArray(new Long[0])))
                .replaceWithVoid();
    }

    private void deadLetter(ConsumerRecord<String, String> record, String kind, String reason, Throwable cause) {
        decoder.metrics().deadLettered(consumerName, kind);
        LOG.warnf("Poison record at %s-%d@%d for projection %s: %s", record.topic(), record.partition(), record.offset(),
                projection.name(), reason);
        ProducerRecord<String, String> dead = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        record.headers().forEach(header -> dead.headers().add(header));
        dead.headers().add("dead-letter-reason", bytes(reason));
        if (cause != null && cause.getCause() != null) {
            dead.headers().add("dead-letter-cause", bytes(String.valueOf(cause.getCause().getMessage())));
        }
        dead.headers().add("dead-letter-topic", bytes(record.topic()));
        dead.headers().add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        dead.headers().add("dead-letter-offset", bytes(Long.toString(record.offset())));
        dead.headers().add("dead-letter-projection", bytes(projection.name()));
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                deadLetters.send(dead).get(30, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                lastError.set("Dead-lettering failed: " + describe(e));
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(5));
            }
        }
    }

    /** Failures the same event meets on every retry (as the platform Inbox judges them, ADR 6). */
    static boolean deterministic(Throwable failure) {
        if (failure instanceof CommandRejected || failure instanceof NullPointerException
                || failure instanceof ClassCastException || failure instanceof IllegalArgumentException) {
            return true;
        }
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return state.startsWith("22") || (state.startsWith("23") && !"23505".equals(state) && !"23P01".equals(state));
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            text.append(" <- ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage());
        }
        return text.toString();
    }
}
