package org.learningloop.testing;

import org.learningloop.infra.KafkaBroker;
import org.learningloop.infra.Postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus application ({@code target/quarkus-app/quarkus-run.jar}) running in a JVM of its own, configured
 * only by environment variables, its output appended to a log file: how the system tests and the benchmarks run the
 * services as production does.
 */
public final class PackagedService {

    private final String name;
    private final Path log;
    private final Process process;
    private final long launchedAt;

    private PackagedService(String name, Path log, Process process, long launchedAt) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.launchedAt = launchedAt;
    }

    /**
     * The environment that runs one of the four services on {@code database} of {@code postgres}, on {@code kafka}, on
     * its ports, trusting {@code issuer}'s tokens: how bin/loop, compose and Kubernetes configure it.
     */
    public static Map<String, String> serviceEnvironment(int httpPort, int managementPort, Postgres postgres,
                                                         String database, KafkaBroker kafka, String issuer) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("LOOP_OIDC_ISSUER", issuer);
        return env;
    }

    /** Starts {@code java <jvmOptions> -jar <jar>} with {@code env} added to this JVM's environment. */
    public static PackagedService launch(String name, Path jar, List<String> jvmOptions, Map<String, String> env, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the packaged application first (mvn package)");
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        long launchedAt = System.nanoTime();
        try {
            return new PackagedService(name, log, builder.start(), launchedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * Waits until {@code ready} (its readiness endpoint) answers 200; the time from launch to ready. Fails with the
     * log's tail when the process exits or {@code timeout} passes first.
     */
    public Duration awaitReady(URI ready, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log ends with:\n"
                        + tail(40));
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedAt);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(Duration.ofMillis(50));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; its log ends with:\n"
                + tail(40));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The process's resident set size in bytes (Linux: {@code VmRSS} of {@code /proc/<pid>/status}). */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("the resident size of " + name + " is readable on Linux only", e);
        }
    }

    /** Kills the process as a crash would (SIGKILL): no shutdown, nothing flushed; waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** Stops the process gracefully (SIGTERM), killing it when it has not exited within {@code grace}. */
    public void stop(Duration grace) {
        process.destroy();
        if (!awaitExit(grace)) {
            kill();
        }
    }

    /**
     * Stops all of {@code services} at once (SIGTERM to each), killing those that have not exited within {@code grace}.
     * One after another, four services could take four graces: longer than a build tool waits for a test JVM's shutdown
     * hooks, so the last ones outlived the build.
     */
    public static void stopAll(Collection<PackagedService> services, Duration grace) {
        services.forEach(service -> service.process.destroy());
        long deadline = System.nanoTime() + grace.toNanos();
        for (PackagedService service : services) {
            if (!service.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                service.kill();
            }
        }
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
