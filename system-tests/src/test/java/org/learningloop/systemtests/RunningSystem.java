package org.learningloop.systemtests;

import org.learningloop.testing.SignedIn;
import org.learningloop.testing.TestIdentityProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.learningloop.infra.KafkaBroker;
import org.learningloop.infra.Postgres;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopClient.Endpoints;
import org.learningloop.simulator.LoopSteps;
import org.learningloop.testing.Infrastructure;
import org.learningloop.testing.PackagedService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services as they run in production: each packaged application
 * ({@code <service>/target/quarkus-app/quarkus-run.jar}) in a JVM of its own, with a database of its own on one
 * real PostgreSQL server and one real Kafka broker, configured only by environment variables (as bin/loop, compose
 * and Kubernetes configure them). Logs go to {@code <logs>/<service>.log}. {@link #get()} is the system shared by
 * the tests of one JVM; the fault-injection suite starts one of its own, on infrastructure it may break, and kills,
 * restarts and replicates services.
 */
final class RunningSystem {

    static final List<String> SERVICES = List.of("goal-service", "activity-service", "learning-service",
            "reporting-service");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static RunningSystem instance;

    private final Postgres postgres;
    private final KafkaBroker kafka;
    private final Path logs;
    private final Path root = Path.of(System.getProperty("loop.root", ".."));
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Each service's management interface (health, metrics). */
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, PackagedService> processes = new LinkedHashMap<>();

    private RunningSystem(Postgres postgres, KafkaBroker kafka, Path logs) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.logs = logs;
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = start(Infrastructure.postgres(), Infrastructure.kafka(), Path.of("target", "services"));
        }
        return instance;
    }

    /** The four services on {@code postgres} and {@code kafka}, each with a new database; stopped when the JVM ends. */
    static RunningSystem start(Postgres postgres, KafkaBroker kafka, Path logs) {
        RunningSystem system = new RunningSystem(postgres, kafka, logs);
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "stop-services"));
        system.startAll();
        return system;
    }

    LoopSteps steps() {
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return new LoopSteps(new LoopClient(endpoints(), json, RunningSystem::adminToken), RunningSystem::personToken);
    }

    /**
     * Everybody can sign in: a person's token names them as its subject and carries no organisation role, so what
     * they may do follows from the organisation (member, team lead, manager), as for the demo's people in Keycloak.
     */
    static java.util.Optional<java.util.function.Supplier<String>> personToken(java.util.UUID person) {
        return java.util.Optional.of(() -> TestIdentityProvider.get().token(person.toString()));
    }

    /** A token of the suites' organisation admin, from the test issuer the services trust. */
    static String adminToken() {
        return TestIdentityProvider.get().token(SignedIn.ADMIN, "org-admin");
    }

    /** A token of an operator ({@code /admin/*}). */
    static String opsToken() {
        return TestIdentityProvider.get().token(SignedIn.OPS, "ops");
    }

    Endpoints endpoints() {
        return new Endpoints(url("goal-service"), url("activity-service"), url("learning-service"),
                url("reporting-service"));
    }

    URI url(String service) {
        return URI.create("http://localhost:" + ports.get(service));
    }

    /** The management interface of {@code service}: health and metrics. */
    URI managementUrl(String service) {
        return URI.create("http://localhost:" + managementPorts.get(service));
    }

    /** The database of {@code service} (a replica's is its service's). */
    String database(String service) {
        return databases.get(service);
    }

    Postgres postgres() {
        return postgres;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    private void startAll() {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String service : SERVICES) {
            databases.put(service, Infrastructure.newDatabase(postgres, service.replace('-', '_')));
            ports.put(service, freePort());
            managementPorts.put(service, freePort());
            launch(service, service);
        }
        for (String service : SERVICES) {
            awaitReady(service);
        }
        System.out.printf("[system-tests] services ready: %s (logs in %s)%n", ports, logs.toAbsolutePath());
    }

    /** Kills {@code service} as a crash would (SIGKILL): no shutdown, nothing flushed. */
    void kill(String service) {
        processes.remove(service).kill();
    }

    /** Starts {@code service} again on its port and database; waits until it is ready. */
    void restart(String service) {
        launch(service, service);
        awaitReady(service);
    }

    /**
     * Starts a second replica of {@code service} on its database (so in its consumer groups: a rebalance), on a
     * port of its own; its name for {@link #stopReplica}.
     */
    String startReplica(String service) {
        String replica = service + "-replica";
        databases.put(replica, databases.get(service));
        ports.put(replica, freePort());
        managementPorts.put(replica, freePort());
        launch(replica, service);
        awaitReady(replica);
        return replica;
    }

    /** Stops a replica as Kubernetes scales one down (SIGTERM, graceful); waits until it has exited. */
    void stopReplica(String replica) {
        processes.remove(replica).stop(Duration.ofSeconds(30));
        ports.remove(replica);
        managementPorts.remove(replica);
        databases.remove(replica);
    }

    private void launch(String name, String service) {
        String database = databases.get(name);
        Map<String, String> env = PackagedService.serviceEnvironment(ports.get(name), managementPorts.get(name), postgres,
                database, kafka, TestIdentityProvider.get().issuer());
        // the commands' and consumers' debug lines: TracesAcrossServicesTest follows a trace through them
        env.put("QUARKUS_LOG_CATEGORY__ORG_LEARNINGLOOP_PLATFORM__LEVEL", "DEBUG");
        env.put("QUARKUS_LOG_CATEGORY__ORG_LEARNINGLOOP_REPORTING_PROJECTION__LEVEL", "DEBUG");
        processes.put(name, PackagedService.launch(name, root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"),
                List.of("-Xmx256m"), env, logs.resolve(name + ".log")));
    }

    private void awaitReady(String service) {
        processes.get(service).awaitReady(managementUrl(service).resolve("/q/health/ready"), READY_TIMEOUT);
    }

    /** The log file of {@code service} (its JSON lines, as the packaged service writes them). */
    Path log(String service) {
        return logs.resolve(service + ".log");
    }

    String tail(String service) {
        return processes.get(service).tail(40);
    }

    void stop() {
        List<PackagedService> running = new ArrayList<>(processes.values());
        PackagedService.stopAll(running, Duration.ofSeconds(20));
        processes.clear();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
