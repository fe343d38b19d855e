package org.learningloop.platform.runtime;

import org.learningloop.platform.config.LoopConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.learningloop.platform.outbox.OutboxRelay;
import org.learningloop.platform.outbox.RelaySettings;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs the service's outbox relay for as long as the service runs, and reports it as metrics and in
 * the readiness check (which stays up while the broker is away: writes are still safe in the
 * outbox, and the Kafka check tells about the broker).
 */
@ApplicationScoped
@Readiness
public class OutboxRelayService implements HealthCheck {

    private final LoopConfig config;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final KafkaClientConfig kafka;
    private final MeterRegistry registry;
    private volatile OutboxRelay relay;

    public OutboxRelayService(LoopConfig config,
                              @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                              @ConfigProperty(name = "quarkus.datasource.username") String username,
                              @ConfigProperty(name = "quarkus.datasource.password") String password,
                              KafkaClientConfig kafka,
                              MeterRegistry registry) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.kafka = kafka;
        this.registry = registry;
    }

    void onStart(@Observes @Priority(TopicSetup.PRIORITY + 1) StartupEvent start) {
        LoopConfig.Outbox outbox = config.outbox();
        if (!outbox.enabled()) {
            return;
        }
        String topic = outbox.topic().orElseThrow(() -> new IllegalStateException("loop.outbox.topic is not set"));
        RelaySettings settings = new RelaySettings(topic, "/" + config.serviceName(), outbox.batchSize(),
                outbox.pollInterval(), Duration.ofMillis(20), outbox.takeoverInterval(), outbox.maxBackoff(),
                outbox.schemasUrl());
        Timer latency = Timer.builder("loop.outbox.publish.latency")
                .description("From an event's transaction to the broker's acknowledgement of its publication")
                .tag("topic", topic).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        relay = new OutboxRelay(relaySessions(), kafka.bootstrapServers(), kafka.producer(), settings)
                .observePublishLatency(latency::record).start();
        FunctionCounter.builder("loop.outbox.published", relay, OutboxRelay::publishedCount)
                .description("Events this replica's relay has published").tag("topic", topic).register(registry);
        Gauge.builder("loop.outbox.oldest.age.seconds", relay, r -> r.oldestPendingAt() == null ? 0
                        : Duration.between(r.oldestPendingAt(), Instant.now()).toMillis() / 1000.0)
                .description("Age of the oldest event waiting in the outbox (0: none waits); grows while the relay "
                        + "is stalled").tag("topic", topic).register(registry);
        Gauge.builder("loop.outbox.pending", relay, OutboxRelay::pending)
                .description("Events waiting in the outbox").tag("topic", topic).register(registry);
        Gauge.builder("loop.outbox.leading", relay, r -> r.role() == OutboxRelay.Role.LEADING ? 1 : 0)
                .description("1 while this replica is the one publishing").tag("topic", topic).register(registry);
    }

    /**
     * Physical connections for the relay's session, never pooled ones: a pooled connection would
     * keep the advisory lock and LISTEN after the relay gave it back (see ADR 2). Keepalive and a
     * socket timeout make a dead session fail, and so release the lock, within minutes.
     */
    private javax.sql.DataSource relaySessions() {
        org.postgresql.ds.PGSimpleDataSource sessions = new org.postgresql.ds.PGSimpleDataSource();
        sessions.setURL(jdbcUrl);
        sessions.setUser(username);
        sessions.setPassword(password);
        sessions.setTcpKeepAlive(true);
        sessions.setSocketTimeout(60);
        sessions.setConnectTimeout(10);
        sessions.setApplicationName("outbox-relay");
        return sessions;
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (relay != null) {
            relay.close();
        }
    }

    /** The running relay, or {@code null} before start or where the service does not publish (tests). */
    OutboxRelay relay() {
        return relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("outbox-relay").up();
        OutboxRelay current = relay;
        if (current == null) {
            return health.withData("role", config.outbox().enabled() ? "starting" : "disabled").build();
        }
        if (current.role() == OutboxRelay.Role.STOPPED) {
            health.down();
        }
        health.withData("role", current.role().name().toLowerCase()).withData("published", current.publishedCount());
        if (current.lastError() != null) {
            health.withData("lastError", current.lastError());
        }
        return health.build();
    }
}
