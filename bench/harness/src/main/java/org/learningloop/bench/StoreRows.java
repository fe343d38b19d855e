package org.learningloop.bench;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.learningloop.infra.Postgres;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.eventstore.NewEvent;
import org.learningloop.platform.eventstore.StreamConflict;
import org.learningloop.platform.outbox.OutboxWakeUp;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * R1 and R14: the event store's append path ({@link EventStore#append}, one event per transaction, as a command
 * appends) on a database of its own with the platform's schema, against plain single-row INSERT transactions from as
 * many JDBC clients on the same server.
 */
final class StoreRows implements AutoCloseable {

    static final int WRITERS = 16;

    private final Postgres server;
    private final String database;
    private final PGSimpleDataSource jdbc = new PGSimpleDataSource();
    private final Vertx vertx = Vertx.vertx();
    private final Pool pool;
    private final EventStore store;
    private final Duration measure;
    private final Duration warmup;

    StoreRows(Postgres server, Duration warmup, Duration measure) {
        this.server = server;
        this.warmup = warmup;
        this.measure = measure;
        this.database = "bench_store_" + Long.toString(System.currentTimeMillis(), 36);
        server.createDatabase(database);
        jdbc.setURL(server.jdbcUrl(database));
        jdbc.setUser(server.user());
        jdbc.setPassword(server.password());
        Flyway.configure().dataSource(jdbc).locations("classpath:db/platform").load().migrate();
        execute("create table bench_insert (id bigserial primary key, stream_id text not null, payload jsonb not null, "
                + "recorded_at timestamptz not null default now())");
        PgConnectOptions connect = new PgConnectOptions().setHost(server.host()).setPort(server.port())
                .setDatabase(database).setUser(server.user()).setPassword(server.password())
                .setCachePreparedStatements(true); // as the services' pools (platform default)
        pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(WRITERS)).connectingTo(connect)
                .using(vertx).build());
        store = new EventStore(new OutboxWakeUp(pool));
        // Mutiny's context propagation initialises itself on first use; sixteen writers starting at once raced on it
        pool.query("select 1").execute().await().indefinitely();
    }

    /** R1's reference (and R16's): single-row INSERT transactions per second from {@link #WRITERS} JDBC clients. */
    double insertsPerSecond() {
        return run(WRITERS, writer -> {
            Connection connection = jdbc.getConnection();
            connection.setAutoCommit(true);
            PreparedStatement insert = connection.prepareStatement(
                    "insert into bench_insert (stream_id, payload) values (?, ?::jsonb)");
            String stream = "insert-" + writer;
            return new Step() {
                @Override
                public boolean run(long sequence) throws SQLException {
                    insert.setString(1, stream);
                    insert.setString(2, "{\"sequence\":" + sequence + "}");
                    insert.executeUpdate();
                    return true;
                }

                @Override
                public void close() throws SQLException {
                    connection.close();
                }
            };
        });
    }

    /**
     * R11's reference: rows per second upserted ({@code insert … on conflict do update}) in batches of {@code batch}
     * rows per transaction by one client into a table shaped like a read model's (a quarter of the rows update one
     * written before).
     */
    /**
     * Writes every dirty page out ({@code CHECKPOINT}, the whole cluster), so what the step before left to write (a
     * rebuilt generation's gigabyte, a dropped one) is not charged to the next measurement.
     */
    void settle() {
        execute("checkpoint");
    }

    double upsertRowsPerSecond(int rows, int batch) {
        execute("create table if not exists bench_upsert (id uuid primary key, team_id uuid not null, kind text not null, "
                + "payload jsonb not null, updated_at timestamptz not null)");
        execute("truncate bench_upsert");
        UUID team = UUID.randomUUID();
        List<UUID> written = new ArrayList<>();
        java.util.Set<UUID> inBatch = new java.util.HashSet<>();
        java.util.Random random = new java.util.Random(11);
        PGSimpleDataSource batched = new PGSimpleDataSource();
        batched.setURL(jdbc.getURL());
        batched.setUser(jdbc.getUser());
        batched.setPassword(jdbc.getPassword());
        batched.setReWriteBatchedInserts(true);
        long started = System.nanoTime();
        try (Connection connection = batched.getConnection(); PreparedStatement upsert = connection.prepareStatement(
                "insert into bench_upsert (id, team_id, kind, payload, updated_at) values (?, ?, ?, ?::jsonb, now()) "
                        + "on conflict (id) do update set kind = excluded.kind, payload = excluded.payload, "
                        + "updated_at = excluded.updated_at")) {
            connection.setAutoCommit(false);
            for (int row = 0; row < rows; row++) {
                // an update names a row of an earlier batch, never one of this batch (one statement cannot touch a row twice)
                UUID id = !written.isEmpty() && random.nextInt(4) == 0 ? written.get(random.nextInt(written.size()))
                        : UUID.randomUUID();
                if (!inBatch.add(id)) {
                    id = UUID.randomUUID();
                    inBatch.add(id);
                }
                upsert.setObject(1, id);
                upsert.setObject(2, team);
                upsert.setString(3, "kind-" + (row % 7));
                upsert.setString(4, "{\"row\":" + row + ",\"note\":\"an activity carried out\"}");
                upsert.addBatch();
                if ((row + 1) % batch == 0 || row == rows - 1) {
                    upsert.executeBatch();
                    connection.commit();
                    written.addAll(inBatch);
                    inBatch.clear();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * R1's diagnosis: empty transactions per second ({@code BEGIN; SELECT 1; COMMIT}) through the same reactive pool
     * and writers as {@link #appendsPerSecond()}: the most this way of driving the database can give an append.
     */
    double emptyTransactionsPerSecond() {
        return run(WRITERS, writer -> (Step) sequence -> {
            pool.withTransaction(tx -> tx.query("select 1").execute()).await().indefinitely();
            return true;
        });
    }

    /** R1's diagnosis: {@link #appendsPerSecond()} by a store that wakes no relay after its commits. */
    double appendsPerSecondWithoutWakeUp() {
        return appendsPerSecond(new EventStore());
    }

    /**
     * R1: appends per second, one event per append, each writer on a stream of its own, by a store that wakes the
     * relays after each commit as the services' store does (ADR 26).
     */
    double appendsPerSecond() {
        return appendsPerSecond(store);
    }

    private double appendsPerSecond(EventStore store) {
        String run = UUID.randomUUID().toString();
        return run(WRITERS, writer -> {
            String stream = "bench-" + run + "-" + writer;
            UUID team = UUID.randomUUID();
            AtomicLong version = new AtomicLong();
            return (Step) sequence -> {
                long expected = version.get();
                pool.withTransaction(tx -> store.append(tx, "bench", stream, expected, List.of(event(team, sequence))))
                        .await().indefinitely();
                version.incrementAndGet();
                return true;
            };
        });
    }

    /**
     * R14: {@code writers} writers on one stream, each reading the stream's version and appending at it, taking a
     * conflict as a lost race and trying again; with {@code serialised}, each first takes the stream's lock
     * ({@link EventStore#lockStream}) as the command loop does (ADR 25), so writers queue instead of racing. Checks
     * afterwards that the stream holds exactly the acknowledged appends, versions 1..n without a gap or a repeat.
     */
    Contention contention(int writers, boolean serialised) {
        String stream = "bench-one-" + UUID.randomUUID();
        UUID team = UUID.randomUUID();
        AtomicLong conflicts = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        double rate = run(writers, writer -> (Step) sequence -> {
            try {
                pool.withTransaction(tx -> (serialised ? store.lockStream(tx, stream)
                        : io.smallrye.mutiny.Uni.createFrom().voidItem())
                        .chain(() -> store.currentVersion(tx, stream)).chain(version ->
                                store.append(tx, "bench", stream, version, List.of(event(team, sequence)))))
                        .await().indefinitely();
                acknowledged.incrementAndGet();
                return true;
            } catch (StreamConflict conflict) {
                conflicts.incrementAndGet();
                return false;
            }
        });
        long stored;
        long distinct;
        long highest;
        try (Connection connection = jdbc.getConnection(); PreparedStatement query = connection.prepareStatement(
                "select count(*), count(distinct stream_version), coalesce(max(stream_version), 0) from event_store "
                        + "where stream_id = ?")) {
            query.setString(1, stream);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                stored = rows.getLong(1);
                distinct = rows.getLong(2);
                highest = rows.getLong(3);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Contention(rate, conflicts.get(), acknowledged.get(), stored, distinct, highest);
    }

    /** Goodput of one stream's writers, and what the stream holds afterwards. */
    record Contention(double appendsPerSecond, long conflicts, long acknowledged, long stored, long distinctVersions,
                      long highestVersion) {

        /** Acknowledged appends (warm-up included) missing from the stream. */
        long lost() {
            return Math.max(0, acknowledged - stored);
        }

        long duplicates() {
            return stored - distinctVersions;
        }

        boolean gapless() {
            return highestVersion == stored;
        }
    }

    private interface Step extends AutoCloseable {
        /** One operation; whether it counts (a lost race does not). */
        boolean run(long sequence) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    private interface Writer {
        Step open(int writer) throws Exception;
    }

    /**
     * Runs {@code writers} threads, each repeating its step as fast as it can, for the warm-up and then the measured
     * window; the counted operations per second in the measured window.
     */
    private double run(int writers, Writer writer) {
        AtomicLong counted = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < writers; w++) {
            int index = w;
            Thread thread = new Thread(() -> {
                try (Step step = writer.open(index)) {
                    long sequence = 0;
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        boolean counts = step.run(sequence++);
                        if (counts && now >= measureFrom) {
                            counted.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "bench-writer-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a writer failed", failures.get(0));
        }
        return counted.get() / (measure.toNanos() / 1e9);
    }

    private static NewEvent event(UUID team, long sequence) {
        return new NewEvent(UUID.randomUUID(), "bench.something-happened", 1, team, null, team.toString(),
                Instant.now(), "{\"sequence\":" + sequence + "}", "{\"correlationId\":\"bench\"}");
    }

    private void execute(String sql) {
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.closeAndAwait();
        vertx.close();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(server.jdbcUrl("postgres"));
        admin.setUser(server.user());
        admin.setPassword(server.password());
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database);
        } catch (SQLException e) {
            Progress.say("could not drop %s: %s", database, e.getMessage());
        }
    }
}
