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

    private final Path home;
    private final List<String> jvmOptions;
    private final Postgres postgres;
    private final KafkaBroker kafka;
    private final Map<String, PackagedService> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, Duration> readyAfter = new LinkedHashMap<>();

    private Stack(Path home, List<String> jvmOptions, Postgres postgres, KafkaBroker kafka) {
        this.home = home;
        this.jvmOptions = jvmOptions;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static Stack start(Path root, Path home, List<String> jvmOptions) {
        Progress.say("starting PostgreSQL (%s) and Kafka (%s)", home.resolve("postgres"), home.resolve("kafka"));
        Postgres postgres = Postgres.embedded(home.resolve("postgres"), 0);
        KafkaBroker kafka = KafkaBroker.start(home.resolve("kafka"), 0);
        Stack stack = new Stack(home, jvmOptions, postgres, kafka);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-bench-stack"));
        TestIdentityProvider.get();
        for (String service : SERVICES) {
            postgres.createDatabase(database(service));
            stack.launch(service, root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"));
        }
        stack.launch(NOOP, root.resolve("bench/noop-service/target/quarkus-app/quarkus-run.jar"));
        return stack;
    }

    private static String database(String service) {
        return "bench_" + service.replace('-', '_');
    }

    /** Starts {@code name} and waits until it is ready; one at a time, so start-up times are not inflated by each other. */
    private void launch(String name, Path jar) {
        ports.put(name, freePort());
        managementPorts.put(name, freePort());
        Map<String, String> env = name.equals(NOOP)
                ? Map.of("QUARKUS_HTTP_PORT", Integer.toString(ports.get(name)),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPorts.get(name)))
                : PackagedService.serviceEnvironment(ports.get(name), managementPorts.get(name), postgres,
                database(name), kafka, TestIdentityProvider.get().issuer());
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
