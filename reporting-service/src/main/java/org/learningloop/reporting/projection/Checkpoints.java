package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One generation's checkpoints ({@code projection_checkpoint}: the next offset per partition, committed with the
 * data) and its claim on each batch: the generation's row locked, its state not retired, no other runner of the
 * generation ahead (ADR 9). Remembers the checkpoint its runner last read or saved; used by one thread at a time:
 * the applying thread saves a batch's, and the runner's thread reads them only after it has awaited that batch.
 */
final class Checkpoints {

    /** The generation has been retired by a switch: its runner has nothing left to do. */
    static final class Retired extends RuntimeException {
        Retired() {
            super("generation retired", null, false, false);
        }
    }

    /**
     * Another runner of the same generation (another replica) applied part of this batch first: the batch is
     * rolled back and the runner reads on from the checkpoint, so no event is applied twice.
     */
    static final class Overtaken extends RuntimeException {
        Overtaken(String where) {
            super("Another runner applied " + where + " first; reading on from the checkpoint", null, false, false);
        }
    }

    private final Pool pool;
    private final String projection;
    private final int generation;
    /** The checkpoint the runner last read or saved, per partition. */
    private final Map<TopicPartition, Long> saved = new HashMap<>();

    Checkpoints(Pool pool, String projection, int generation) {
        this.pool = pool;
        this.projection = projection;
        this.generation = generation;
    }

    /** Reads the generation's checkpoint (and remembers it as the one saved). */
    Map<TopicPartition, Long> read() {
        Map<TopicPartition, Long> checkpoint = pool.preparedQuery("select topic, partition, next_offset from "
                        + "projection_checkpoint where projection = $1 and generation = $2")
                .execute(Tuple.of(projection, generation))
                .map(rows -> {
                    Map<TopicPartition, Long> positions = new HashMap<>();
                    for (Row row : rows) {
                        positions.put(new TopicPartition(row.getString("topic"), row.getInteger("partition")),
                                row.getLong("next_offset"));
                    }
                    return positions;
                })
                .await().atMost(Duration.ofSeconds(30));
        saved.clear();
        saved.putAll(checkpoint);
        return checkpoint;
    }

    /** The next offset of {@code partition} as last read or saved, {@code null} when none is stored. */
    Long saved(TopicPartition partition) {
        return saved.get(partition);
    }

    /** After the transaction that saved {@code next} committed. */
    void committed(Map<TopicPartition, Long> next) {
        saved.putAll(next);
    }

    /**
     * Moves the checkpoint of partitions over what no poll returns (transaction markers, aborted records): from
     * {@code from} to {@code advanced}, in a transaction of its own that claims the generation as a batch does.
     */
    void advance(Map<TopicPartition, Long> advanced, Map<TopicPartition, Long> from) {
        pool.withTransaction(tx -> claim(tx, 0).chain(() -> notOvertaken(tx, from)).chain(() -> save(tx, advanced)))
                .await().atMost(Duration.ofSeconds(30));
        committed(advanced);
    }

    /**
     * Locks this generation's row for the batch (a switch-over waits for the batch, and a batch after the
     * switch sees its generation retired) and counts what the batch applies.
     */
    Uni<Void> claim(SqlConnection tx, int applied) {
        return tx.preparedQuery("update projection_generation set events_applied = events_applied + $3, "
                        + "last_applied_at = now() where projection = $1 and generation = $2 returning state")
                .execute(Tuple.of(projection, generation, applied))
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
    Uni<Void> notOvertaken(SqlConnection tx, Map<TopicPartition, Long> first) {
        return tx.preparedQuery("select topic, partition, next_offset from public.projection_checkpoint "
                        + "where projection = $1 and generation = $2")
                .execute(Tuple.of(projection, generation))
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

    /** Upserts the checkpoint {@code next} in the batch's transaction. */
    Uni<Void> save(SqlConnection tx, Map<TopicPartition, Long> next) {
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
                .execute(Tuple.of(projection, generation, topics.toArray(new String[0]),
                        partitions.toArray(new Integer[0]), offsets.toArray(new Long[0])))
                .replaceWithVoid();
    }
}
