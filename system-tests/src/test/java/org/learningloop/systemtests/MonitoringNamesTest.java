package org.learningloop.systemtests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert rules and the dashboard name only metrics that exist (issue 16): every metric they name is on the
 * {@code /q/metrics} of one of the four running services, but kube-state-metrics' {@code kube_*}.
 */
class MonitoringNamesTest {

    private static final Path MONITORING = Path.of("..", "deploy", "k8s", "base", "monitoring");
    /** The services' own metric families (Micrometer's, Quarkus', the JVM's); label names never look like these. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:loop|http_server|jvm|process|kube)_[a-z0-9_]+)\\b");

    @Test
    void everyMetricTheAlertRulesAndTheDashboardName_isServedByAService() {
        RunningSystem system = RunningSystem.get();
        // something to measure: a command, and the consumers' first events
        system.steps().unit("monitoring-" + UUID.randomUUID() + ":unit", "Region office M", UUID.randomUUID());
        Set<String> named = new TreeSet<>();
        named.addAll(names(read("alerts.yaml")));
        named.addAll(names(read("dashboard.json")));
        assertThat(named).contains("loop_outbox_oldest_age_seconds", "loop_projection_lag_seconds",
                "loop_consumer_dead_letters_total", "loop_commands_seconds_count", "kube_pod_status_ready",
                "loop_outbox_publish_latency_seconds_bucket", "loop_consumer_lag_records", "loop_http_refused_total");
        named.removeIf(name -> name.startsWith("kube_"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> served = new TreeSet<>();
            for (String service : new String[] {"goal-service", "activity-service", "learning-service",
                    "reporting-service"}) {
                served.addAll(served(system.managementUrl(service).resolve("/q/metrics")));
            }
            assertThat(served).as("metrics the four services serve").containsAll(named);
        });
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The metric names in a Prometheus text exposition. */
    private static Set<String> served(URI metrics) throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Set<String> names = new TreeSet<>();
        text.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        return names;
    }

    private static String read(String file) {
        try {
            return Files.readString(MONITORING.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
