package org.learningloop.bench;

import org.learningloop.infra.KafkaBroker;
import org.learningloop.infra.Postgres;
import org.learningloop.testing.PackagedService;
import org.learningloop.testing.SignedIn;
import org.learningloop.testing.TestIdentityProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmarks run on: PostgreSQL (embedded, its data kept in {@code <home>/postgres} so a generated data set
 * is reused by the next run), a Kafka broker ({@code <home>/kafka}, kept too), the test identity provider (tokens
 * signed with a key served as JWKS, verified by the services exactly as in production), the four packaged services
 * and the no-op reference service, each in a JVM of its own started with the same options.
 */
final class Stack implements AutoCloseable {

    static final List<String> SERVICES = List.of("goal-service", "activity-service", "learning-service",
            "reporting-service");
    static final String NOOP = "noop-service";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path root;
    private final Path home;
    private final List<String> jvmOptions;
    private final Postgres postgres;
    private final KafkaBroker kafka;
    private final Map<String, PackagedService> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, Duration> readyAfter = new LinkedHashMap<>();

    private Stack(Path root, Path home, List<String> jvmOptions, Postgres postgres, KafkaBroker kafka) {
        this.root = root;
        this.home = home;
        this.jvmOptions = jvmOptions;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static Stack start(Path root, Path home, List<String> jvmOptions) {
        Progress.say("starting PostgreSQL (%s) and Kafka (%s)", home.resolve("postgres"), home.resolve("kafka"));
        Postgres postgres = Postgres.embedded(home.resolve("postgres"), 0);
        KafkaBroker kafka = KafkaBroker.start(home.resolve("kafka"), 0);
        Stack stack = new Stack(root, home, jvmOptions, postgres, kafka);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-bench-stack"));
        TestIdentityProvider.get();
        for (String service : SERVICES) {
            stack.launch(service, service, database(service), Map.of());
        }
        stack.launch(NOOP, "bench/noop-service", null, Map.of());
        return stack;
    }

    static String database(String service) {
        return "bench_" + service.replace('-', '_');
    }

    /**
     * Starts {@code name}, the packaged module {@code module} on {@code database} (none for the no-op service) with
     * {@code settings} added to its environment, and waits until it is ready; one at a time, so start-up times are not
     * inflated by each other.
     */
    void launch(String name, String module, String database, Map<String, String> settings) {
        ports.put(name, freePort());
        managementPorts.put(name, freePort());
        Map<String, String> env = new LinkedHashMap<>();
        if (database == null) {
            env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(name)));
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPorts.get(name)));
        } else {
            postgres.createDatabase(database);
            env.putAll(PackagedService.serviceEnvironment(ports.get(name), managementPorts.get(name), postgres,
                    database, kafka, TestIdentityProvider.get().issuer()));
        }
        env.putAll(settings);
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        PackagedService process = PackagedService.launch(name, jar, jvmOptions, env, home.resolve("logs").resolve(name + ".log"));
        processes.put(name, process);
        Duration ready = process.awaitReady(managementUrl(name).resolve("/q/health/ready"), READY_TIMEOUT);
        readyAfter.put(name, ready);
        Progress.say("%s ready in %.1f s (port %d)", name, ready.toMillis() / 1000.0, ports.get(name));
    }

    URI url(String service) {
        return URI.create("http://127.0.0.1:" + ports.get(service));
    }

    URI managementUrl(String service) {
        return URI.create("http://127.0.0.1:" + managementPorts.get(service));
    }

    /** A lag this small that stops moving is the commit markers' (see {@link #awaitQuiet}). */
    static final long QUIET_REMAINDER = 200;

    /**
     * Waits until no service's consumers are behind on the topics (the sum of every service's
     * {@code loop_consumer_lag_records} and {@code loop_projection_lag_events} is 0, or small and still), at most
     * {@code patience}: a figure measured while the services still catch up on earlier traffic measures that too.
     */
    void awaitQuiet(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long lastSaid = 0;
        int still = 0;
        long before = -1;
        while (System.nanoTime() < deadline) {
            long behind = 0;
            for (String service : SERVICES) {
                behind += lag(service);
            }
            // a consumer group's lag on a transactional topic can stay at a record or so per partition (the commit
            // marker after the last record is never returned, so never committed past): quiet is also a small lag
            // that has stopped moving
            still = behind == before ? still + 1 : 0;
            before = behind;
            if (behind == 0 || (behind <= QUIET_REMAINDER && still >= 2)) {
                return;
            }
            if (behind > 0) {
                if (System.nanoTime() - lastSaid > 10_000_000_000L) {
                    Progress.say("waiting for the services' consumers to catch up: %,d records behind", behind);
                    lastSaid = System.nanoTime();
                }
            }
            Thread.sleep(2000);
        }
        Progress.say("the services' consumers were still behind after %d s; measuring anyway", patience.toSeconds());
    }

    /** Stops {@code name}, started by {@link #launch}. */
    void stop(String name) {
        PackagedService process = processes.remove(name);
        if (process != null) {
            PackagedService.stopAll(List.of(process), Duration.ofSeconds(20));
        }
    }

    /** Above this share of a CPU over a second, a process is still working (idle services poll at 1–3 %). */
    private static final double BUSY_CPU_SHARE = 0.2;

    /**
     * Waits until no process of the stack used more than a fifth of a CPU over the last second, at most {@code
     * patience}: a level measured while a service still works off the backlog of the level before (a service sheds
     * no load: past its capacity, requests queue until their clients give up) measures that backlog too.
     */
    void awaitIdle(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, Long> before = cpuTicks();
        long lastSaid = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Map<String, Long> now = cpuTicks();
            String busy = null;
            for (Map.Entry<String, Long> process : now.entrySet()) {
                long used = process.getValue() - before.getOrDefault(process.getKey(), process.getValue());
                if (used > BUSY_CPU_SHARE * CLOCK_TICKS_PER_SECOND) {
                    busy = process.getKey();
                }
            }
            if (busy == null) {
                return;
            }
            if (System.nanoTime() - lastSaid > 10_000_000_000L) {
                Progress.say("waiting for %s to finish what it is doing", busy);
                lastSaid = System.nanoTime();
            }
            before = now;
        }
        Progress.say("the stack was still busy after %d s; measuring anyway", patience.toSeconds());
    }

    /** Linux's USER_HZ: /proc reports CPU times in these ticks. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    /** Each process's user and system CPU time so far, in clock ticks, from /proc/<pid>/stat. */
    private Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        processes.forEach((name, process) -> {
            try {
                String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
                // fields after the command's closing parenthesis: state is field 3, utime 14, stime 15
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (IOException | RuntimeException e) {
                // not on Linux, or the process is gone: it is not busy
            }
        });
        return ticks;
    }

    /** The records {@code service}'s consumers and projections have not read yet, from its metrics. */
    long lag(String service) throws InterruptedException {
        try {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(managementUrl(service).resolve("/q/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long behind = 0;
            for (String line : metrics.body().split("\n")) {
                if (line.startsWith("loop_consumer_lag_records") || line.startsWith("loop_projection_lag_events")) {
                    behind += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return behind;
        } catch (IOException | NumberFormatException e) {
            return 1; // not answering (yet): not quiet
        }
    }

    Duration readyAfter(String service) {
        return readyAfter.get(service);
    }

    PackagedService process(String service) {
        return processes.get(service);
    }

    Postgres postgres() {
        return postgres;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    static String adminToken() {
        return TestIdentityProvider.get().token(SignedIn.ADMIN, "org-admin");
    }

    static String opsToken() {
        return TestIdentityProvider.get().token(SignedIn.OPS, "ops");
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private boolean closed;

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        PackagedService.stopAll(processes.values(), Duration.ofSeconds(20));
        processes.clear();
        kafka.stop();
        postgres.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
