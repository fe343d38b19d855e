package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.learningloop.platform.http.StreamPosition;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.inbox.PoisonEvent;
import org.learningloop.platform.messaging.Backoff;
import org.learningloop.platform.messaging.Failures;
import org.learningloop.platform.messaging.Poison;
import org.learningloop.platform.outbox.CloudEventHeaders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Applies a polled batch to one generation until it commits (ADR 9): {@link #prepare} decodes its records (on the
 * runner's thread, while the batch before applies; one of a type the projection does not read is passed over
 * undecoded, see {@link Projection#reads()}), {@link #applyUntilCommitted} dead-letters and skips the undecodable, applies the events in ONE transaction that claims the generation and saves the new
 * checkpoint, and when an event fails deterministically ({@link Poison}) re-runs the batch with a savepoint per
 * event to find which ones: they are dead-lettered and skipped, the rest commits. Any other failure retries the
 * whole batch with {@link Backoff} while the batch waits.
 */
final class BatchApplier {

    /** Who refused an event the projection threw {@code CommandRejected} for: "Refused by the projection: …". */
    static final String REFUSER = "the projection";

    /** The runner's log category, as before its parts had classes of their own. */
    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    /** Poison found while applying a batch: these records go to the dead-letter topic and are skipped. */
    private static final class PoisonFound extends RuntimeException {
        final Map<Integer, Poison.Verdict> verdicts;

        PoisonFound(Map<Integer, Poison.Verdict> verdicts) {
            super("poison in batch", null, false, false);
            this.verdicts = verdicts;
        }
    }

    private final Projection projection;
    private final int generation;
    private final String schema;
    private final Pool pool;
    private final Inbox decoder;
    private final Checkpoints checkpoints;
    private final ProjectionDeadLetters deadLetters;
    private final AppliedSpans spans;
    private final RunnerProgress progress;
    private final BooleanSupplier running;

    BatchApplier(Projection projection, int generation, String schema, Pool pool, Inbox decoder,
                 Checkpoints checkpoints, ProjectionDeadLetters deadLetters, RunnerProgress progress,
                 BooleanSupplier running) {
        this.projection = projection;
        this.generation = generation;
        this.schema = schema;
        this.pool = pool;
        this.decoder = decoder;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.spans = new AppliedSpans(projection.name(), generation);
        this.progress = progress;
        this.running = running;
    }

    /**
     * A polled batch decoded for the projection, ready to apply: its records, the events decoded from them (by index),
     * the undecodable ones to dead-letter, and those passed over undecoded (of a type the projection does not read).
     * Preparing is pure: it writes nothing and sends nothing, so the runner prepares the next batch while this one
     * applies (ADR 9).
     */
    record Prepared(List<ConsumerRecord<String, String>> batch, Map<Integer, IncomingEvent> decoded,
                    Map<Integer, PoisonEvent> undecodable, Set<Integer> passed, BatchProjection.Writes writes,
                    Map<Integer, StreamPosition> streamPositions) {
    }

    /** Decodes the batch's records the projection reads; passes over the others by their {@code ce_type}. */
    Prepared prepare(List<ConsumerRecord<String, String>> batch) {
        Set<Integer> passed = new HashSet<>();
        Map<Integer, IncomingEvent> decoded = new HashMap<>();
        Map<Integer, PoisonEvent> undecodable = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<String, String> record = batch.get(i);
            String type = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE);
            if (decoder.knows(type) && !projection.reads().covers(type)) {
                passed.add(i);
                continue;
            }
            try {
                decoded.put(i, decoder.decode(record));
            } catch (PoisonEvent poison) {
                undecodable.put(i, poison);
            }
        }
        List<Integer> toApply = new ArrayList<>(decoded.keySet());
        toApply.sort(null);
        return new Prepared(batch, decoded, undecodable, passed, writes(toApply, decoded),
                streamPositions(batch, decoded, passed));
    }

    /**
     * Where each record of the batch leaves its stream if it counts as applied: a decoded event's own position, the
     * headers' of a record passed over (not this projection's event, yet applied as far as it is concerned).
     */
    private static Map<Integer, StreamPosition> streamPositions(List<ConsumerRecord<String, String>> batch,
                                                                Map<Integer, IncomingEvent> decoded, Set<Integer> passed) {
        Map<Integer, StreamPosition> positions = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            IncomingEvent event = decoded.get(i);
            if (event != null && event.streamId() != null && !event.streamId().isEmpty()) {
                positions.put(i, new StreamPosition(event.streamId(), event.streamVersion()));
            } else if (passed.contains(i)) {
                int index = i;
                Inbox.streamPosition(batch.get(i)).ifPresent(position -> positions.put(index, position));
            }
        }
        return positions;
    }

    /**
     * A batch projection's writes for the events at {@code indexes} ({@code null} for another projection or no
     * events); its failure to work them out fails the batch's transaction instead, as a failing statement would.
     */
    private BatchProjection.Writes writes(List<Integer> indexes, Map<Integer, IncomingEvent> decoded) {
        if (!(projection instanceof BatchProjection batched) || indexes.isEmpty()) {
            return null;
        }
        try {
            return batched.prepare(indexes.stream().map(decoded::get).toList());
        } catch (RuntimeException failure) {
            return tx -> Uni.createFrom().failure(failure);
        }
    }

    /**
     * Applies the batch until it commits or the runner stops, its undecodable records dead-lettered first; failures
     * other than poison are retried with backoff (the batch waits). {@link Checkpoints.Retired} and
     * {@link Checkpoints.Overtaken} end it for the runner to handle.
     *
     * @param positions per partition, the consumer's position after the poll
     */
    void applyUntilCommitted(Prepared prepared, Map<TopicPartition, Long> positions) {
        Backoff backoff = Backoff.forConsumers();
        List<ConsumerRecord<String, String>> batch = prepared.batch();
        Map<Integer, IncomingEvent> decoded = prepared.decoded();
        Set<Integer> skip = new HashSet<>();
        prepared.undecodable().forEach((index, poison) -> {
            deadLetters.send(batch.get(index), Poison.undecodable(poison.getMessage()), poison);
            skip.add(index);
        });
        boolean savepoints = false;
        BatchProjection.Writes writes = prepared.writes();
        while (running.getAsBoolean()) {
            try {
                long t0 = System.nanoTime();
                int applied = apply(prepared, skip, savepoints, writes, positions);
                LOG.debugf("Projection %s generation %d applied %d events in %d ms", projection.name(), generation, applied,
                        (System.nanoTime() - t0) / 1_000_000);
                spans.record(batch, decoded, skip);
                progress.applied(applied);
                return;
            } catch (PoisonFound found) {
                found.verdicts.forEach((index, verdict) -> {
                    deadLetters.send(batch.get(index), verdict, null);
                    skip.add(index);
                });
                savepoints = false;
                // worked out again without the poison
                writes = writes(decoded.keySet().stream().filter(index -> !skip.contains(index)).sorted().toList(),
                        decoded);
            } catch (Checkpoints.Retired | Checkpoints.Overtaken stop) {
                throw stop;
            } catch (RuntimeException failure) {
                if (Poison.deterministic(failure) && !savepoints) {
                    // find the event(s) that fail the same way every time, one savepoint each
                    savepoints = true;
                    continue;
                }
                if (!running.getAsBoolean()) {
                    return;
                }
                Duration wait = backoff.next();
                progress.failed(Failures.describe(failure));
                LOG.warnf("Projection %s generation %d: batch of %d failed, retrying in %d ms: %s", projection.name(),
                        generation, batch.size(), wait.toMillis(), Failures.describe(failure));
                Backoff.sleep(wait);
            }
        }
    }

    /**
     * Applies the batch in one transaction with the new checkpoint: per partition, the consumer's position after the
     * poll (past the batch's last record and any transaction markers the poll skipped after it).
     */
    private int apply(Prepared prepared, Set<Integer> skip, boolean savepoints, BatchProjection.Writes writes,
                      Map<TopicPartition, Long> positions) {
        List<ConsumerRecord<String, String>> batch = prepared.batch();
        Map<Integer, IncomingEvent> decoded = prepared.decoded();
        Set<Integer> passed = prepared.passed();
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, String> record : batch) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            next.merge(partition, record.offset() + 1, Math::max);
            first.merge(partition, record.offset(), Math::min);
        }
        next.replaceAll((partition, offset) -> Math.max(offset, positions.getOrDefault(partition, offset)));
        int applied = batch.size() - skip.size();
        Map<Integer, Poison.Verdict> poison = new HashMap<>();
        // the claim, the overtaking check and the search path are sent at once, as are the stream positions and the
        // checkpoint after the writes: PostgreSQL runs them in the order sent (the claim's row lock first), and the
        // first to fail fails the batch before an answer after it counts (BatchProjection.inOrder)
        return pool.withTransaction(tx -> Uni.join().all(checkpoints.claim(tx, applied),
                                checkpoints.notOvertaken(tx, first), Schemas.searchPath(tx, schema))
                        .andFailFast()
                        .chain(() -> {
                            List<Integer> indexes = new ArrayList<>(batch.size());
                            for (int i = 0; i < batch.size(); i++) {
                                if (!skip.contains(i) && !passed.contains(i)) {
                                    indexes.add(i);
                                }
                            }
                            if (!savepoints && writes != null) {
                                // the whole batch in a few statements, worked out before the transaction
                                return writes.apply(tx);
                            }
                            // one event after the other, in the batch's order (an event may read what an earlier one wrote)
                            return Multi.createFrom().iterable(indexes)
                                    .onItem().transformToUniAndConcatenate(index -> savepoints
                                            ? applyOne(tx, decoded.get(index), index, poison)
                                            : projection.apply(tx, decoded.get(index)).replaceWith(index))
                                    .collect().last().replaceWithVoid();
                        })
                        .chain(() -> poison.isEmpty()
                                ? Uni.join().all(streamPositions(tx, prepared, skip), checkpoints.save(tx, next))
                                        .andFailFast().replaceWithVoid()
                                : Uni.createFrom().failure(new PoisonFound(poison))))
                .replaceWith(applied)
                .invoke(() -> checkpoints.committed(next))
                .await().atMost(Duration.ofMinutes(2));
    }

    /** Records the batch's stream positions, for a projection reads wait on (ADR 23). */
    private Uni<Void> streamPositions(SqlConnection tx, Prepared prepared, Set<Integer> skip) {
        if (!projection.awaitedByReads()) {
            return Uni.createFrom().voidItem();
        }
        return StreamPositions.save(tx, projection.name(), generation, applied(prepared.streamPositions(), skip));
    }

    /** Where the batch's records that count as applied leave their streams: none for the dead-lettered. */
    private static List<StreamPosition> applied(Map<Integer, StreamPosition> streamPositions, Set<Integer> skip) {
        List<StreamPosition> applied = new ArrayList<>(streamPositions.size());
        streamPositions.forEach((index, position) -> {
            if (!skip.contains(index)) {
                applied.add(position);
            }
        });
        return applied;
    }

    /** One event behind a savepoint: a deterministic failure marks it poison and undoes only its own writes. */
    private Uni<Integer> applyOne(SqlConnection tx, IncomingEvent event, int index, Map<Integer, Poison.Verdict> poison) {
        return tx.query("savepoint apply_event").execute()
                .chain(() -> projection.apply(tx, event))
                .chain(() -> tx.query("release savepoint apply_event").execute())
                .replaceWith(index)
                .onFailure(Poison::deterministic).recoverWithUni(failure -> {
                    poison.put(index, Poison.of(failure, REFUSER));
                    return tx.query("rollback to savepoint apply_event").execute().replaceWith(index);
                });
    }
}
