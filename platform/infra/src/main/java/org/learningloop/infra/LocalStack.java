package org.learningloop.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The local stack behind {@code bin/loop up}: PostgreSQL (embedded, or a server named by
 * {@code LOOP_DATABASE_URL}) with one database per service, and a single-node KRaft Kafka broker.
 *
 * <p>When both are ready it writes {@code $LOOP_HOME/stack.env} ({@code KEY=value} lines, the last
 * one {@code LOOP_STACK_READY=1}) and blocks until the JVM is told to stop; a shutdown hook then
 * stops Kafka and PostgreSQL and removes {@code stack.env}. Data survives a stop: the embedded
 * cluster and the broker's log directory are reused by the next start.
 *
 * <p>Environment: {@code LOOP_HOME} (default {@code .loop}), {@code LOOP_DATABASE_URL} (optional),
 * {@code LOOP_POSTGRES_PORT} (default 15432), {@code LOOP_KAFKA_PORT} (default 9092).
 */
public final class LocalStack {

    /** One database per service, named after the service. */
    public static final List<String> DATABASES =
            List.of("goal_service", "activity_service", "learning_service", "reporting_service");

    static final String READY_LINE = "LOOP_STACK_READY=1";

    /** Where the stack lives and which ports it uses. */
    record Settings(Path home, String databaseUrl, int postgresPort, int kafkaPort) {

        static Settings fromEnv(Map<String, String> env, Path workingDirectory) {
            String home = env.getOrDefault("LOOP_HOME", "");
            String url = env.getOrDefault("LOOP_DATABASE_URL", "");
            return new Settings(
                    workingDirectory.resolve(home.isBlank() ? ".loop" : home).toAbsolutePath().normalize(),
                    url.isBlank() ? null : url.trim(),
                    port(env, "LOOP_POSTGRES_PORT", 15432),
                    port(env, "LOOP_KAFKA_PORT", 9092));
        }

        private static int port(Map<String, String> env, String name, int fallback) {
            String value = env.getOrDefault(name, "");
            if (value.isBlank()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.trim());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + " is not a port number: " + value);
        }

        Path postgresDirectory() {
            return home.resolve("postgres");
        }

        Path kafkaDirectory() {
            return home.resolve("kafka");
        }

        Path envFile() {
            return home.resolve("stack.env");
        }

        Path pidDirectory() {
            return home.resolve("pids");
        }
    }

    private final Settings settings;
    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private volatile Postgres postgres;
    private volatile KafkaBroker kafka;

    LocalStack(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.fromEnv(System.getenv(), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            log("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "loop-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            log("error: " + describe(e));
            System.exit(1);
            return;
        }
        int status = stack.awaitFailure();
        System.exit(status);
    }

    /** Starts PostgreSQL, creates the databases, starts Kafka and writes {@code stack.env}. */
    void start() {
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            long started = System.nanoTime();
            createDirectories(settings.home());
            createDirectories(settings.pidDirectory());
            deleteQuietly(settings.envFile());
            log("LOOP_HOME " + settings.home());
            requirePortFree(settings.kafkaPort(), "LOOP_KAFKA_PORT", "Kafka");

            postgres = startPostgres(settings);
            pgPid().ifPresent(pid -> writePid("postgres", pid));
            createDatabases(postgres);
            log("PostgreSQL (" + (postgres.isEmbedded() ? "embedded" : "external") + ") ready on "
                    + postgres.host() + ":" + postgres.port() + seconds(started));
            log("databases ready: " + String.join(", ", DATABASES));
            if (stopping) {
                return;
            }

            long kafkaStarted = System.nanoTime();
            requirePortFree(settings.kafkaPort(), "LOOP_KAFKA_PORT", "Kafka");
            log("starting Kafka broker (KRaft) in " + settings.kafkaDirectory() + " ...");
            kafka = KafkaBroker.start(settings.kafkaDirectory(), settings.kafkaPort());
            writePid("kafka", kafka.pid());
            log("Kafka broker ready on " + kafka.bootstrapServers() + " (pid " + kafka.pid() + ")" + seconds(kafkaStarted));
            if (stopping) {
                return;
            }

            writeEnvFile(settings.envFile(), environment());
            log("stack ready" + seconds(started) + "; wrote " + settings.envFile());
        }
    }

    /** What {@code stack.env} holds, in order, without the ready marker. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("LOOP_PG_HOST", postgres.host());
        env.put("LOOP_PG_PORT", String.valueOf(postgres.port()));
        env.put("LOOP_PG_USER", postgres.user());
        env.put("LOOP_PG_PASSWORD", postgres.password());
        env.put("LOOP_PG_EMBEDDED", postgres.isEmbedded() ? "1" : "0");
        pgPid().ifPresent(pid -> env.put("LOOP_PG_PID", String.valueOf(pid)));
        env.put("LOOP_KAFKA_PID", String.valueOf(kafka.pid()));
        env.put("LOOP_STACK_PID", String.valueOf(ProcessHandle.current().pid()));
        return env;
    }

    /** Blocks while the stack runs; returns an exit status if a part of it dies on its own. */
    int awaitFailure() {
        OptionalLong pgPid = pgPid();
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            if (stopping) {
                continue; // the shutdown hook is at work; the JVM ends when it is done
            }
            KafkaBroker broker = kafka;
            if (broker != null && !broker.isRunning()) {
                log("error: the Kafka broker exited on its own; see " + broker.logFile());
                return 1;
            }
            if (pgPid.isPresent() && !ProcessHandle.of(pgPid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                log("error: embedded PostgreSQL (pid " + pgPid.getAsLong() + ") exited on its own");
                return 1;
            }
        }
    }

    /** Stops Kafka, then PostgreSQL, and removes {@code stack.env}. Safe to call more than once. */
    void stop() {
        stopping = true;
        synchronized (lifecycle) {
            deleteQuietly(settings.envFile());
            KafkaBroker broker = kafka;
            if (broker != null) {
                log("stopping Kafka broker (pid " + broker.pid() + ")");
                try {
                    broker.stop();
                } catch (RuntimeException e) {
                    log("warning: stopping Kafka: " + describe(e));
                }
                kafka = null;
            }
            deleteQuietly(settings.pidDirectory().resolve("kafka.pid"));
            Postgres pg = postgres;
            if (pg != null) {
                if (pg.isEmbedded()) {
                    log("stopping embedded PostgreSQL");
                }
                try {
                    pg.close();
                } catch (RuntimeException e) {
                    log("warning: stopping PostgreSQL: " + describe(e));
                }
                postgres = null;
            }
            deleteQuietly(settings.pidDirectory().resolve("postgres.pid"));
            log("stopped");
        }
    }

    static Postgres startPostgres(Settings settings) {
        if (settings.databaseUrl() != null) {
            log("using PostgreSQL from LOOP_DATABASE_URL");
            return Postgres.external(settings.databaseUrl());
        }
        requirePortFree(settings.postgresPort(), "LOOP_POSTGRES_PORT", "PostgreSQL");
        boolean fresh = !Files.exists(settings.postgresDirectory().resolve("PG_VERSION"));
        log("starting embedded PostgreSQL in " + settings.postgresDirectory()
                + (fresh ? " (first start: initialising the cluster)" : "") + " ...");
        return Postgres.embedded(settings.postgresDirectory(), settings.postgresPort());
    }

    static void createDatabases(Postgres postgres) {
        for (String database : DATABASES) {
            postgres.createDatabase(database);
        }
    }

    /** Writes {@code KEY=value} lines and the ready marker to a temporary file, then moves it into place. */
    static void writeEnvFile(Path file, Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        text.append(READY_LINE).append('\n');
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** The postmaster's pid of the embedded cluster, read from its {@code postmaster.pid}. */
    private OptionalLong pgPid() {
        Postgres pg = postgres;
        if (pg == null || !pg.isEmbedded()) {
            return OptionalLong.empty();
        }
        try {
            List<String> lines = Files.readAllLines(settings.postgresDirectory().resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private void writePid(String name, long pid) {
        try {
            Files.writeString(settings.pidDirectory().resolve(name + ".pid"), pid + "\n");
        } catch (IOException e) {
            log("warning: could not record the " + name + " pid: " + e.getMessage());
        }
    }

    private static void requirePortFree(int port, String variable, String what) {
        if (port != 0 && KafkaBroker.accepts(port)) {
            throw new IllegalStateException("port " + port + " for " + what + " is already in use"
                    + " (another stack? try 'bin/loop status'; or set " + variable + ")");
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing to clean up then
        }
    }

    private static String seconds(long startNanos) {
        return String.format(" in %.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static void log(String line) {
        System.out.println("[stack] " + line);
    }
}
