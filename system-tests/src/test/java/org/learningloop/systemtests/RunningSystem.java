package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.learningloop.infra.KafkaBroker;
import org.learningloop.infra.Postgres;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopClient.Endpoints;
import org.learningloop.simulator.LoopSteps;
import org.learningloop.testing.Infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services as they run in production, once per test JVM: each packaged application
 * ({@code <service>/target/quarkus-app/quarkus-run.jar}) in a JVM of its own, with a database of its own on the
 * one real PostgreSQL server and the one real Kafka broker, configured only by environment variables (as
 * bin/loop, compose and Kubernetes configure them). Logs go to {@code target/services/<service>.log}.
 */
final class RunningSystem {

    static final List<String> SERVICES = List.of("goal-service", "activity-service", "learning-service",
            "reporting-service");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static RunningSystem instance;

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, URI> urls = new LinkedHashMap<>();
    private final Path logs = Path.of("target", "services");

    static synchronized RunningSystem get() {
        if (instance == null) {
            RunningSystem system = new RunningSystem();
            Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "stop-services"));
            system.start();
            instance = system;
        }
        return instance;
    }

    LoopSteps steps() {
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return new LoopSteps(new LoopClient(endpoints(), json));
    }

    Endpoints endpoints() {
        return new Endpoints(urls.get("goal-service"), urls.get("activity-service"), urls.get("learning-service"),
                urls.get("reporting-service"));
    }

    private void start() {
        Path root = Path.of(System.getProperty("loop.root", ".."));
        Postgres postgres = Infrastructure.postgres();
        KafkaBroker kafka = Infrastructure.kafka();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String service : SERVICES) {
            Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the system tests run the packaged services; "
                        + "run them with the whole build (mvn verify), not this module alone");
            }
            String database = Infrastructure.newDatabase(service.replace('-', '_'));
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx256m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(logs.resolve(service + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            try {
                processes.put(service, builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + service, e);
            }
            urls.put(service, URI.create("http://localhost:" + port));
        }
        for (String service : SERVICES) {
            awaitReady(service);
        }
        System.out.printf("[system-tests] services ready: %s (logs in %s)%n", urls, logs.toAbsolutePath());
    }

    private void awaitReady(String service) {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = urls.get(service).resolve("/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes.get(service).isAlive()) {
                throw new IllegalStateException(service + " exited with " + processes.get(service).exitValue()
                        + "; its log ends with:\n" + tail(service));
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(service + " was not ready within " + READY_TIMEOUT.toSeconds()
                + " s; its log ends with:\n" + tail(service));
    }

    String tail(String service) {
        try {
            List<String> lines = Files.readAllLines(logs.resolve(service + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void stop() {
        List<Process> running = new ArrayList<>(processes.values());
        running.forEach(Process::destroy);
        for (Process process : running) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
