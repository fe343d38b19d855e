package org.learningloop.reporting.projection;

import io.micrometer.core.instrument.Gauge;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.messaging.Failures;
import org.learningloop.platform.runtime.KafkaClientConfig;
import org.learningloop.platform.runtime.TopicSetup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs every {@link Projection}: one {@link ProjectionRunner} per live generation and per generation being
 * rebuilt, starts a rebuild from offset 0 in a fresh schema, and switches a caught-up rebuild live in one
 * transaction. See {@code docs/adr/0009-projection-runtime.md}.
 */
@ApplicationScoped
public class ProjectionRuntime {

    private static final Logger LOG = Logger.getLogger(ProjectionRuntime.class);

    /** A generation as recorded in {@code projection_generation}. */
    public record Generation(String projection, int generation, String schema, String state, long eventsApplied,
                             java.time.OffsetDateTime lastAppliedAt, java.time.OffsetDateTime createdAt, int version) {
    }

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final Pool pool;
    private final Inbox decoder;
    private final KafkaClientConfig kafka;
    private final boolean enabled;
    private final ProjectionSettings settings;
    private final Map<String, ProjectionRunner> runners = new ConcurrentHashMap<>();
    /** The building generations ({@link #key}) whose read indexes this replica has built or found built. */
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();
    private volatile Producer<String, String> deadLetters;
    private final Duration adoptInterval;
    private ScheduledExecutorService adopter;

    public ProjectionRuntime(@All List<Projection> projections, Pool pool, Inbox decoder,
                             KafkaClientConfig kafka, ProjectionSettings settings) {
        projections.stream().sorted(java.util.Comparator.comparing(Projection::name))
                .forEach(p -> this.projections.put(p.name(), p));
        this.pool = pool;
        this.decoder = decoder;
        this.kafka = kafka;
        this.enabled = settings.enabled();
        this.settings = settings;
        this.adoptInterval = settings.adoptInterval();
        this.projections.keySet().forEach(name -> {
            Gauge.builder("loop.projection.lag.events", this, runtime -> runtime.serving(name)
                            .mapToLong(ProjectionRunner::lag).max().orElse(0))
                    .description("Records the projection's serving generation has not read yet on this replica")
                    .tag("projection", name).register(decoder.metrics().registry());
            Gauge.builder("loop.projection.lag.seconds", this, runtime -> runtime.serving(name)
                            .mapToDouble(runner -> runner.behind().toMillis() / 1000.0).max().orElse(0))
                    .description("How long the projection's serving generation has been behind (0 while it keeps up)")
                    .tag("projection", name).register(decoder.metrics().registry());
        });
    }

    /** The runners of {@code projection}'s live generation on this replica (not a rebuild's). */
    private java.util.stream.Stream<ProjectionRunner> serving(String projection) {
        return runners.entrySet().stream().filter(entry -> entry.getKey().startsWith(projection + "#"))
                .map(Map.Entry::getValue).filter(runner -> runner.running() && !runner.building());
    }

    /** The runners this replica runs now (tests). */
    List<ProjectionRunner> runners() {
        return List.copyOf(runners.values());
    }

    /** The projections by name. */
    public Map<String, Projection> projections() {
        return projections;
    }

    public boolean enabled() {
        return enabled;
    }

    void onStart(@Observes @Priority(TopicSetup.PRIORITY + 2) StartupEvent start) {
        if (!enabled) {
            return;
        }
        Map<String, Object> deadLetterConfig = kafka.producer();
        deadLetterConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        deadLetterConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        deadLetterConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "reporting-service.projections.dlq");
        deadLetterConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        deadLetterConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        deadLetters = new KafkaProducer<>(deadLetterConfig);
        for (Projection projection : projections.values()) {
            dropRetired(projection.name());
            List<Generation> current = generations(projection.name()).await().atMost(Duration.ofSeconds(30));
            if (current.stream().noneMatch(g -> g.state().equals("live"))) {
                // the first generation serves reads while it catches up
                create(projection, "live").await().atMost(Duration.ofSeconds(60));
                current = generations(projection.name()).await().atMost(Duration.ofSeconds(30));
            }
            current = upgrade(projection, current);
            current.stream().filter(g -> g.state().equals("live")).forEach(live -> liveReadIndexes(projection, live));
            current.forEach(this::startRunner);
        }
        adopter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "projection-adopter");
            thread.setDaemon(true);
            return thread;
        });
        adopter.scheduleWithFixedDelay(this::adopt, adoptInterval.toMillis(), adoptInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a runner for each live or building generation this replica runs none for. Without it, a rebuild
     * whose replica died before the switch stayed {@code building} for good (and every later rebuild was refused
     * as already running), and a replica whose live runner stopped at another replica's switch consumed nothing
     * from then on. Two replicas running one generation apply each event once (the generation's row is locked by
     * every batch, and the batch checks its checkpoint).
     */
    void adopt() {
        try {
            for (String name : projections.keySet()) {
                generations(name).await().atMost(Duration.ofSeconds(30)).forEach(generation -> {
                    if (!runners.containsKey(key(name, generation.generation()))) {
                        LOG.infof("Projection %s generation %d (%s) has no runner on this replica: adopting it", name,
                                generation.generation(), generation.state());
                        startRunner(generation);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warnf("Looking for generations without a runner failed (tried again in %s): %s", adoptInterval,
                    e.toString());
        }
    }

    /**
     * Creates a building generation as a rebuild does, but starts no runner for it: as if the replica that started
     * the rebuild died at once (tests).
     */
    Generation createWithoutRunner(String name) {
        return create(projections.get(name), "building").await().atMost(Duration.ofSeconds(60));
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (adopter != null) {
            adopter.shutdownNow();
        }
        List<ProjectionRunner> all = new ArrayList<>(runners.values());
        all.parallelStream().forEach(ProjectionRunner::close);
        runners.clear();
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    /** The live and building generations of a projection (retired ones are gone). */
    public Uni<List<Generation>> generations(String projection) {
        return pool.preparedQuery("select projection, generation, schema_name, state, events_applied, last_applied_at, "
                        + "created_at, version from projection_generation where projection = $1 and state <> 'retired' "
                        + "order by generation")
                .execute(Tuple.of(projection))
                .map(rows -> {
                    List<Generation> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Generation(row.getString("projection"), row.getInteger("generation"),
                                row.getString("schema_name"), row.getString("state"), row.getLong("events_applied"),
                                row.getOffsetDateTime("last_applied_at"), row.getOffsetDateTime("created_at"),
                                row.getInteger("version")));
                    }
                    return list;
                });
    }

    /** Stops the runners of a projection and starts them again from their checkpoints (as a restart of the service would). */
    void restart(String name) {
        List<ProjectionRunner> stopped = new ArrayList<>();
        runners.entrySet().removeIf(entry -> {
            if (entry.getValue().projectionName().equals(name)) {
                stopped.add(entry.getValue());
                return true;
            }
            return false;
        });
        stopped.forEach(ProjectionRunner::close);
        generations(name).await().atMost(Duration.ofSeconds(30)).forEach(this::startRunner);
    }

    /**
     * Starts one more runner of each generation of the projection, as a second replica of the service would run
     * it (tests); the caller closes them.
     */
    List<ProjectionRunner> startAsAnotherReplica(String name) {
        Projection projection = projections.get(name);
        List<ProjectionRunner> started = new ArrayList<>();
        for (Generation generation : generations(name).await().atMost(Duration.ofSeconds(30))) {
            ProjectionRunner runner = new ProjectionRunner(projection, generation.generation(), generation.schema(),
                    "building".equals(generation.state()), pool, decoder, deadLetters, kafka.consumer(), settings,
                    this::switchOver);
            runner.start();
            started.add(runner);
        }
        return started;
    }

    /** What the runner of a generation reports on this replica. */
    public record RunnerStatus(double eventsPerSecond, String lastError) {
    }

    /** The runner of a generation on this replica, if it runs. */
    public Optional<RunnerStatus> runnerStatus(String projection, int generation) {
        ProjectionRunner runner = runners.get(key(projection, generation));
        if (runner == null) {
            return Optional.empty();
        }
        String error = runner.lastError();
        if (error == null && !runner.running()) {
            error = "runner stopped";
        }
        return Optional.of(new RunnerStatus(runner.eventsPerSecond(), error));
    }

    /**
     * Starts a new generation of {@code name} from offset 0 in a fresh schema; the live generation keeps
     * serving reads until the new one has caught up and is switched live.
     *
     * @return the new generation
     */
    public Uni<Generation> rebuild(String name) {
        Projection projection = projections.get(name);
        if (projection == null) {
            return Uni.createFrom().failure(ProjectionUnavailable.unknown(name));
        }
        if (!enabled) {
            return Uni.createFrom().failure(new HttpProblem(Problem.of(409, "projections-disabled",
                    "Projections are disabled", "loop.projections.enabled is false on this replica")));
        }
        return create(projection, "building")
                .onFailure(failure -> failure instanceof PgException pg && "23505".equals(pg.getSqlState()))
                .transform(failure -> new HttpProblem(Problem.of(409, "rebuild-running", "Rebuild already running",
                        "A rebuild of " + name + " is already running")))
                .invoke(this::startRunner);
    }

    /** Upgrades a projection as a start of the service does, and runs what it started (tests). */
    void upgradeAsAtStart(String name) {
        Projection projection = projections.get(name);
        upgrade(projection, generations(name).await().atMost(Duration.ofSeconds(30))).forEach(this::startRunner);
    }

    /**
     * Brings the generations built by an older version of the projection's code up to date: their tables take what
     * {@code apply} writes now ({@link Projection#upgrade}), and a rebuild of the current version starts unless one
     * runs (another replica may have started it: then its building generation is adopted). The older live
     * generation keeps serving until the rebuild has caught up and is switched live.
     */
    private List<Generation> upgrade(Projection projection, List<Generation> current) {
        List<Generation> older = current.stream().filter(g -> g.version() < projection.version()).toList();
        if (older.isEmpty()) {
            return current;
        }
        for (Generation generation : older) {
            pool.withTransaction(tx -> Schemas.executeIn(tx, generation.schema(), projection.upgrade(generation.version())))
                    .await().atMost(Duration.ofSeconds(60));
        }
        if (current.stream().noneMatch(g -> g.version() == projection.version())) {
            LOG.infof("Projection %s: generation %s was built by version %d of its code, this is version %d: "
                            + "rebuilding it from offset 0 (the live generation serves until the rebuild has caught up)",
                    projection.name(), older.get(0).generation(), older.get(0).version(), projection.version());
            try {
                create(projection, "building").await().atMost(Duration.ofSeconds(60));
            } catch (PgException e) {
                if (!"23505".equals(e.getSqlState())) {
                    throw e;
                }
                // another replica started the rebuild at the same moment: it is adopted below
            }
        }
        return generations(projection.name()).await().atMost(Duration.ofSeconds(30));
    }

    /** Creates generation max+1 in {@code state} with its schema and tables from {@code ddl()}, in one transaction. */
    private Uni<Generation> create(Projection projection, String state) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "select coalesce(max(generation), 0) + 1 as next from projection_generation where projection = $1")
                        .execute(Tuple.of(projection.name()))
                        .chain(rows -> {
                            int generation = rows.iterator().next().getInteger("next");
                            String schema = Schemas.of(projection.name(), generation);
                            return tx.preparedQuery("insert into projection_generation (projection, generation, schema_name, "
                                                    + "state, live_at, version) values ($1, $2, $3, $4, "
                                                    + "case when $4 = 'live' then now() end, $5) returning created_at")
                                    .execute(Tuple.of(projection.name(), generation, schema, state, projection.version()))
                                    // a building generation gets its read indexes once it has caught up
                                    .chain(created -> Schemas.create(tx, schema, projection, "live".equals(state))
                                            .replaceWith(new Generation(projection.name(), generation, schema, state, 0,
                                                    null, created.iterator().next().getOffsetDateTime("created_at"),
                                                    projection.version())));
                        }));
    }

    private synchronized void startRunner(Generation generation) {
        String key = key(generation.projection(), generation.generation());
        if (runners.containsKey(key)) {
            return;
        }
        Projection projection = projections.get(generation.projection());
        ProjectionRunner runner = new ProjectionRunner(projection, generation.generation(), generation.schema(),
                "building".equals(generation.state()), pool, decoder, deadLetters, kafka.consumer(), settings,
                this::switchOver);
        runners.put(key, runner);
        runner.start();
        LOG.infof("Projection %s generation %d (%s, schema %s) started", generation.projection(),
                generation.generation(), generation.state(), generation.schema());
    }

    /**
     * Switches a caught-up building generation live, in one transaction that locks both generations' rows
     * (so no batch of either commits meanwhile) and re-checks that the new one has read at least as far as the
     * live one on every partition; then stops the old runner and drops the old schema.
     */
    boolean switchOver(ProjectionRunner building) {
        String name = building.projectionName();
        if (!readIndexesBuilt(building)) {
            return false;
        }
        Integer retired = pool.withTransaction(tx -> tx.preparedQuery(
                                "select generation, state, schema_name from projection_generation "
                                        + "where projection = $1 and state in ('live', 'building') order by generation for update")
                        .execute(Tuple.of(name))
                        .chain(rows -> {
                            Integer live = null;
                            boolean stillBuilding = false;
                            for (Row row : rows) {
                                if ("live".equals(row.getString("state"))) {
                                    live = row.getInteger("generation");
                                } else if (row.getInteger("generation") == building.generation) {
                                    stillBuilding = true;
                                }
                            }
                            if (!stillBuilding) {
                                return Uni.createFrom().item((Integer) null);
                            }
                            Integer old = live;
                            return behind(tx, name, old, building.generation).chain(lagging -> {
                                if (lagging) {
                                    return Uni.createFrom().item((Integer) null);
                                }
                                return tx.preparedQuery("update projection_generation set state = 'retired', "
                                                + "retired_at = now() where projection = $1 and generation = $2")
                                        .execute(Tuple.of(name, old == null ? -1 : old))
                                        .chain(() -> tx.preparedQuery("update projection_generation set state = 'live', "
                                                        + "live_at = now() where projection = $1 and generation = $2")
                                                .execute(Tuple.of(name, building.generation)))
                                        .replaceWith(old == null ? -1 : old);
                            });
                        }))
                .await().atMost(Duration.ofMinutes(1));
        if (retired == null) {
            return false;
        }
        building.nowLive();
        LOG.infof("Projection %s generation %d is live (generation %d retired)", name, building.generation, retired);
        ProjectionRunner old = runners.remove(key(name, retired));
        if (old != null) {
            old.close();
        }
        dropRetired(name);
        return true;
    }

    /**
     * Builds the building generation's read indexes ({@link Projection#readIndexes()}) once it has read as far as the
     * live one on every partition, outside the switch's lock; {@code false} while it has not. Its generation's row is
     * locked first (so two replicas running it build one after the other, and its batches wait), and nothing is built
     * unless the generation is still building: another replica may have switched it live. Once built, a runner does
     * not look again; an adopted generation, or one that fell behind again, finds them there.
     */
    private boolean readIndexesBuilt(ProjectionRunner building) {
        Projection projection = projections.get(building.projectionName());
        String key = key(projection.name(), building.generation);
        if (projection.readIndexes().isEmpty() || indexed.contains(key)) {
            return true;
        }
        // only this generation's row is locked: the live one's batches go on meanwhile
        boolean built = pool.withTransaction(tx -> tx.preparedQuery("select state, (select generation from "
                                + "projection_generation where projection = $1 and state = 'live') as live "
                                + "from projection_generation where projection = $1 and generation = $2 for update")
                        .execute(Tuple.of(projection.name(), building.generation))
                        .chain(rows -> {
                            Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
                            if (row == null || !"building".equals(row.getString("state"))) {
                                return Uni.createFrom().item(true); // live already, or retired: not this runner's
                            }
                            return behind(tx, projection.name(), row.getInteger("live"), building.generation)
                                    .chain(lagging -> lagging ? Uni.createFrom().item(false)
                                            : buildReadIndexes(tx, projection, building).replaceWith(true));
                        }))
                .await().atMost(Duration.ofMinutes(30));
        if (built) {
            indexed.add(key);
        }
        return built;
    }

    /**
     * Makes sure a live generation holds its read indexes (a no-op when it does): a replica of an older version
     * could switch a rebuild live without building them.
     */
    private void liveReadIndexes(Projection projection, Generation live) {
        if (projection.readIndexes().isEmpty()) {
            return;
        }
        pool.withTransaction(tx -> Schemas.executeIn(tx, live.schema(), projection.readIndexes()))
                .await().atMost(Duration.ofMinutes(30));
    }

    private static Uni<Void> buildReadIndexes(SqlConnection tx, Projection projection, ProjectionRunner building) {
        long started = System.nanoTime();
        return Schemas.executeIn(tx, building.schema, projection.readIndexes())
                .invoke(() -> LOG.infof("Projection %s generation %d: read indexes built in %d ms", projection.name(),
                        building.generation, (System.nanoTime() - started) / 1_000_000));
    }

    /** Whether the building generation has read less than the live one on any partition. */
    private static Uni<Boolean> behind(SqlConnection tx, String name, Integer live, int building) {
        if (live == null) {
            return Uni.createFrom().item(false);
        }
        return tx.preparedQuery("""
                        select count(*) as behind from projection_checkpoint l
                        left join projection_checkpoint b on b.projection = l.projection and b.generation = $3
                                                          and b.topic = l.topic and b.partition = l.partition
                        where l.projection = $1 and l.generation = $2 and coalesce(b.next_offset, 0) < l.next_offset""")
                .execute(Tuple.of(name, live, building))
                .map(rows -> rows.iterator().next().getLong("behind") > 0);
    }

    /** Drops the schemas (and checkpoints) of retired generations; a crash between switch and drop is healed at start. */
    private void dropRetired(String name) {
        try {
            pool.withTransaction(tx -> tx.preparedQuery("select generation, schema_name from projection_generation "
                                    + "where projection = $1 and state = 'retired'")
                            .execute(Tuple.of(name))
                            .chain(rows -> {
                                Uni<Void> chain = Uni.createFrom().voidItem();
                                for (Row row : rows) {
                                    String schema = row.getString("schema_name");
                                    int generation = row.getInteger("generation");
                                    chain = chain.chain(() -> tx.query("drop schema if exists " + Schemas.quote(schema)
                                                    + " cascade").execute())
                                            .chain(() -> tx.preparedQuery("delete from projection_checkpoint "
                                                    + "where projection = $1 and generation = $2").execute(Tuple.of(name, generation)))
                                            .chain(() -> tx.preparedQuery("delete from projection_stream_position "
                                                    + "where projection = $1 and generation = $2").execute(Tuple.of(name, generation)))
                                            .replaceWithVoid();
                                }
                                return chain;
                            }))
                    .await().atMost(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            LOG.warnf("Dropping retired generations of %s failed (retried at the next switch or start): %s", name,
                    Failures.describe(e));
        }
    }

    private static String key(String projection, int generation) {
        return projection + "#" + generation;
    }
}
