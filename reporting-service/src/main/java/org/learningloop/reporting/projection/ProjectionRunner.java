package org.learningloop.reporting.projection;

import io.vertx.mutiny.sqlclient.Pool;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.messaging.Backoff;
import org.learningloop.platform.messaging.Failures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Feeds one generation of one projection: a plain {@link KafkaConsumer} on its own thread assigns every
 * partition of the three topics, seeks to the generation's checkpoint (or the beginning), and applies each
 * polled batch in ONE transaction together with the new checkpoint, so a redelivered batch (after a
 * failure or a restart) starts where the committed data ends. See {@code docs/adr/0009-projection-runtime.md}.
 *
 * <p>This class is the consumer loop; its parts: {@link BatchApplier} applies a batch (savepoints, poison),
 * {@link Checkpoints} keeps the checkpoint and the claim on the generation, {@link ProjectionDeadLetters} writes
 * the poison to the dead-letter topic, {@link RunnerProgress} holds what the runner reports.
 */
final class ProjectionRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    /** Called by a building generation's runner after each empty poll, and every two seconds while records come. */
    interface CaughtUp {
        /** @return whether the generation is live now */
        boolean caughtUp(ProjectionRunner runner);
    }

    private final Projection projection;
    final int generation;
    final String schema;
    private final Map<String, Object> consumerConfig;
    private final List<String> topics;
    private final CaughtUp caughtUp;
    private final Thread thread;
    /** Applies the batches the runner's thread polled and prepared, one at a time, in their order. */
    private final ExecutorService applying;
    /** The batch being applied while the runner's thread polls and prepares the next; {@code null} when none. */
    private Future<?> inFlight;
    private final Checkpoints checkpoints;
    private final RunnerProgress progress;
    private final BatchApplier applier;
    private volatile boolean running = true;
    private volatile boolean building;
    private volatile KafkaConsumer<String, String> consumer;

    ProjectionRunner(Projection projection, int generation, String schema, boolean building, Pool pool, Inbox decoder,
                     Producer<String, String> deadLetters, Map<String, Object> clientConfig, ProjectionSettings settings, CaughtUp caughtUp) {
        this.projection = projection;
        this.generation = generation;
        this.schema = schema;
        this.building = building;
        this.caughtUp = caughtUp;
        this.topics = List.copyOf(settings.topics());
        this.checkpoints = new Checkpoints(pool, projection.name(), generation);
        this.progress = new RunnerProgress(projection.name(), decoder.metrics().registry());
        this.applier = new BatchApplier(projection, generation, schema, pool, decoder, checkpoints,
                new ProjectionDeadLetters(deadLetters, settings.deadLetterTopic(), projection.name(), decoder.metrics(),
                        progress, () -> running),
                progress, () -> running);
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
        this.applying = Executors.newSingleThreadExecutor(task -> {
            Thread applier = new Thread(task, thread.getName() + "-apply");
            applier.setDaemon(true);
            return applier;
        });
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
        return progress.lastError();
    }

    /** Events applied per second over the last ten seconds. */
    double eventsPerSecond() {
        return progress.eventsPerSecond();
    }

    /** Records not read yet on this runner's partitions, as of its last poll. */
    long lag() {
        return progress.lag();
    }

    /** How long this runner has been behind ({@link Duration#ZERO} while it keeps up). */
    Duration behind() {
        return progress.behind();
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
        applying.shutdown();
    }

    private void run() {
        Backoff backoff = Backoff.forConsumers();
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig)) {
                consumer = kafka;
                List<TopicPartition> partitions = assign(kafka);
                consume(kafka, partitions);
            } catch (Checkpoints.Retired retired) {
                LOG.infof("Projection %s generation %d retired", projection.name(), generation);
                running = false;
            } catch (Checkpoints.Overtaken overtaken) {
                LOG.debugf("Projection %s generation %d: %s", projection.name(), generation, overtaken.getMessage());
            } catch (WakeupException e) {
                if (running) {
                    progress.failed(Failures.describe(e));
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                Duration wait = backoff.next();
                progress.failed(Failures.describe(e));
                LOG.warnf("Projection %s generation %d failed, restarting in %d ms: %s", projection.name(), generation,
                        wait.toMillis(), Failures.describe(e));
                Backoff.sleep(wait);
            } finally {
                consumer = null;
                // the next consumer starts from the checkpoint: whatever was in flight has committed or given up
                settle();
            }
        }
        applying.shutdown();
    }

    private List<TopicPartition> assign(KafkaConsumer<String, String> kafka) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            kafka.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        kafka.assign(partitions);
        Map<TopicPartition, Long> checkpoint = checkpoints.read();
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

    /**
     * Polls and applies until the runner stops. Two batches overlap: while one applies (its transaction on the
     * applying thread), this thread polls and decodes the next, which starts applying only once the one before it
     * has committed. So batches commit one at a time, in the order polled, as if applied in turn.
     */
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
                BatchApplier.Prepared prepared = applier.prepare(batch);
                awaitApplied();
                inFlight = applying.submit(() -> applier.applyUntilCommitted(prepared, positions));
            } else {
                awaitApplied();
                advancePastMarkers(kafka, partitions);
            }
            // not "at the end of every partition": under a steady write load that moment never comes (a new
            // record, or the commit marker after the last one, is always ahead), and the rebuild would never go
            // live. What the switch needs is that this generation has read at least as far as the live one on
            // every partition, which the switch itself checks with both generations locked.
            if (building && running && (records.isEmpty()
                    || System.nanoTime() - lastCaughtUpCheck > TimeUnit.SECONDS.toNanos(2))) {
                awaitApplied();
                lastCaughtUpCheck = System.nanoTime();
                if (caughtUp.caughtUp(this)) {
                    building = false;
                }
            }
        }
        awaitApplied();
    }

    /**
     * Waits until the batch in flight has committed (or the runner stopped); its failure ({@link Checkpoints.Retired},
     * {@link Checkpoints.Overtaken}, ...) is thrown here, on the runner's thread, as if it had applied the batch itself.
     */
    private void awaitApplied() {
        Future<?> pending = inFlight;
        if (pending == null) {
            return;
        }
        try {
            pending.get();
            inFlight = null;
        } catch (ExecutionException e) {
            inFlight = null;
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /**
     * {@link #awaitApplied()} on the way out of a failed consumer: its failure was reported already, or is moot, but
     * for a retired generation, whose runner stops.
     */
    private void settle() {
        try {
            awaitApplied();
        } catch (Checkpoints.Retired retired) {
            LOG.infof("Projection %s generation %d retired", projection.name(), generation);
            running = false;
        } catch (RuntimeException e) {
            LOG.debugf("Projection %s generation %d: the batch in flight ended with %s", projection.name(), generation,
                    Failures.describe(e));
        }
    }

    /** After a poll: what is left to read on the partitions, from the consumer's own fetch positions (no round trip). */
    private void measureLag(KafkaConsumer<String, String> kafka, List<TopicPartition> partitions) {
        long left = 0;
        for (TopicPartition partition : partitions) {
            left += kafka.currentLag(partition).orElse(0);
        }
        progress.lag(left);
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
            Long at = checkpoints.saved(partition);
            if (at != null) {
                long position = kafka.position(partition);
                if (position > at) {
                    advanced.put(partition, position);
                    from.put(partition, at);
                }
            }
        }
        if (!advanced.isEmpty()) {
            checkpoints.advance(advanced, from);
        }
    }
}
