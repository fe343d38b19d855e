package org.learningloop.reporting.projection;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.runtime.KafkaClientConfig;
import org.learningloop.reporting.LoopScenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a runner applies its batches, with a probe projection that writes every event it applies, in its batch's
 * transaction, into a table with a sequence.
 * <ul>
 *   <li>A runner prepares the next batch while the one before it applies (ADR 9), yet its batches must commit one at
 *       a time in the order polled: a batch committed before the one polled ahead of it would move the checkpoint
 *       past events never applied, and a projection reading what an earlier batch wrote (a lead measure's name) would
 *       miss it. After thousands of events in many batches, each of the test's events is there exactly once, every
 *       stream in version order.</li>
 *   <li>A batch that fails in flight (overtaken: another replica applied it first) stops the one prepared after it,
 *       which would otherwise commit past it: the runner reads on from the checkpoint, and every event is applied.</li>
 *   <li>A batch statement the database refuses for the rows it meets (an upsert that would change one row twice,
 *       SQLSTATE 21000), though each event alone applies, falls back to one event at a time and commits: it neither
 *       stops the projection (retried for ever) nor dead-letters an event.</li>
 * </ul>
 */
@QuarkusTest
class BatchApplyingTest {

    private static final String NAME = "order-probe";
    private static final String SCHEMA = "proj_order_probe_g1";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    Pool pool;

    @Inject
    Inbox decoder;

    @Inject
    KafkaClientConfig clients;

    @Inject
    ProjectionSettings settings;

    /**
     * Applies a batch as one insert of its events, in their order, into {@code applied}; with {@code counted}, also
     * counts those events in one upsert on a single row, which PostgreSQL refuses for two of them at once.
     */
    static final class Probe implements BatchProjection {
        final AtomicInteger batches = new AtomicInteger();
        private final Set<UUID> counted;
        /** The event whose batch is overtaken the first time it applies (as if another replica had applied it). */
        private final UUID overtakenAt;
        private final AtomicBoolean overtaken = new AtomicBoolean();

        Probe(Set<UUID> counted) {
            this(counted, null);
        }

        Probe(Set<UUID> counted, UUID overtakenAt) {
            this.counted = counted;
            this.overtakenAt = overtakenAt;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<String> ddl() {
            return List.of("create table applied (seq bigserial primary key, event_id uuid not null, "
                    + "stream_id text, version bigint not null)",
                    "create table counter (k int primary key, n int not null)");
        }

        @Override
        public Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
            return applyAll(tx, List.of(event));
        }

        @Override
        public Writes prepare(List<IncomingEvent> events) {
            Tuple rows = Tuple.of(events.stream().map(IncomingEvent::eventId).toArray(UUID[]::new),
                    events.stream().map(IncomingEvent::streamId).toArray(String[]::new),
                    events.stream().map(IncomingEvent::streamVersion).toArray(Long[]::new));
            UUID[] toCount = events.stream().map(IncomingEvent::eventId).filter(counted::contains).toArray(UUID[]::new);
            boolean overtake = events.stream().anyMatch(event -> event.eventId().equals(overtakenAt));
            return tx -> {
                batches.incrementAndGet();
                if (overtake && overtaken.compareAndSet(false, true)) {
                    return Uni.createFrom().failure(new Checkpoints.Overtaken("the probe's batch"));
                }
                Uni<Void> applied = tx.preparedQuery("insert into applied (event_id, stream_id, version) "
                                + "select event_id, stream_id, version from unnest($1::uuid[], $2::text[], $3::bigint[]) "
                                + "with ordinality as e(event_id, stream_id, version, n) order by n")
                        .execute(rows).replaceWithVoid();
                return toCount.length == 0 ? applied : applied.chain(() -> tx.preparedQuery("insert into counter (k, n) "
                                + "select 1, 1 from unnest($1::uuid[]) on conflict (k) do update set n = counter.n + 1")
                        .execute(Tuple.of((Object) toCount)).replaceWithVoid());
            };
        }
    }

    @Test
    void batchesCommitOneAtATime_inTheOrderPolled() {
        List<LoopScenario.Published> events = scenarios(12);
        Probe probe = new Probe(Set.of());
        List<Row> applied = applyAll(probe, events, new MockProducer<>(true, null, new StringSerializer(),
                new StringSerializer()));
        assertThat(applied).as("each event applied once").hasSize(events.size());
        Map<String, Long> lastVersion = new HashMap<>();
        for (Row row : applied) {
            String stream = row.getString("stream_id");
            long version = row.getLong("version");
            Long before = lastVersion.put(stream, version);
            assertThat(before == null || before < version)
                    .as("%s version %d applied after version %s", stream, version, before).isTrue();
        }
        assertThat(probe.batches.get()).as("batches applied").isGreaterThan(20);
    }

    @Test
    void aBatchStatementThatWouldChangeARowTwice_fallsBackToOneEventAtATime() {
        List<LoopScenario.Published> events = scenarios(1);
        Set<UUID> ours = events.stream().map(LoopScenario.Published::eventId).collect(Collectors.toSet());
        MockProducer<String, String> deadLetters = new MockProducer<>(true, null, new StringSerializer(),
                new StringSerializer());
        List<Row> applied = applyAll(new Probe(ours), events, deadLetters);
        assertThat(applied).as("each event applied once").hasSize(events.size());
        assertThat(deadLetters.history()).as("dead letters of the test's events").noneMatch(letter ->
                ours.contains(UUID.fromString(new String(letter.headers().lastHeader("ce_id").value(),
                        java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void aBatchOvertakenInFlight_stopsTheNextOne_andIsReadAgainFromTheCheckpoint() {
        List<LoopScenario.Published> events = scenarios(2);
        // overtaken: the batch that holds an event in the middle of the test's
        Probe probe = new Probe(Set.of(), events.get(events.size() / 2).eventId());
        List<Row> applied = applyAll(probe, events, new MockProducer<>(true, null, new StringSerializer(),
                new StringSerializer()));
        assertThat(probe.overtaken).as("a batch overtaken").isTrue();
        // had the batch after it applied, the overtaken one's events would be skipped for good
        assertThat(applied).as("each event applied once").hasSize(events.size());
    }

    /** Scenarios of two teams each, {@code count} of them: about 100 events each. */
    private static List<LoopScenario.Published> scenarios(int count) {
        List<LoopScenario.Published> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LoopScenario scenario = new LoopScenario(Instant.parse("2026-05-04T08:00:00Z").plusSeconds(i));
            scenario.team("North", 6);
            scenario.team("South", 4);
            events.addAll(scenario.events());
        }
        return events;
    }

    /**
     * Publishes {@code events}, runs {@code probe} in a generation of its own from the topics' beginning until it has
     * applied them all, and returns the rows it wrote for them, in the order written.
     */
    private List<Row> applyAll(Probe probe, List<LoopScenario.Published> events,
                               MockProducer<String, String> deadLetters) {
        execute("drop schema if exists " + SCHEMA + " cascade");
        // as the runtime retires a generation: its stream positions go too (no foreign key cascades them, ADR 23)
        execute("delete from projection_stream_position where projection = '" + NAME + "'");
        execute("delete from projection_generation where projection = '" + NAME + "'");
        pool.withTransaction(tx -> Schemas.create(tx, SCHEMA, probe)).await().atMost(PATIENCE);
        execute("insert into projection_generation (projection, generation, schema_name, state) "
                + "values ('" + NAME + "', 1, '" + SCHEMA + "', 'live')");
        LoopScenario.publish(kafka, events);
        UUID[] ours = events.stream().map(LoopScenario.Published::eventId).toArray(UUID[]::new);
        ProjectionRunner runner = new ProjectionRunner(probe, 1, SCHEMA, false, pool, decoder, deadLetters,
                clients.consumer(), smallBatches(), ignored -> false).start();
        try {
            // a batch committed ahead of the one before it leaves that one's events out for good, and a batch
            // retried for ever leaves its own
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(pool
                    .preparedQuery("select count(distinct event_id) from " + SCHEMA + ".applied where event_id = any($1)")
                    .execute(Tuple.of((Object) ours)).await().indefinitely().iterator().next().getLong(0))
                    .as("the test's events applied").isEqualTo(events.size()));
            runner.close();
            List<Row> applied = new ArrayList<>();
            pool.preparedQuery("select event_id, stream_id, version from " + SCHEMA + ".applied "
                            + "where event_id = any($1) order by seq")
                    .execute(Tuple.of((Object) ours)).await().indefinitely().forEach(applied::add);
            return applied;
        } finally {
            runner.close();
            execute("delete from projection_stream_position where projection = '" + NAME + "'");
            execute("delete from projection_generation where projection = '" + NAME + "'");
            execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    /** The service's settings with batches of 50 records, so the test's events take many. */
    private ProjectionSettings smallBatches() {
        return new ProjectionSettings() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int batchSize() {
                return 50;
            }

            @Override
            public Duration adoptInterval() {
                return settings.adoptInterval();
            }

            @Override
            public List<String> topics() {
                return settings.topics();
            }

            @Override
            public String deadLetterTopic() {
                return settings.deadLetterTopic();
            }
        };
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(30));
    }
}
