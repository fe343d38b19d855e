package org.learningloop.platform.runtime;

import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Kafka cluster answers (ADR 20): {@code /q/health/group/broker}, not readiness. A service takes
 * commands without the broker (the outbox holds their events, ADR 2) and serves its read models; taking every pod
 * out of its Service during a broker outage would turn a delay into an outage. Ops see the broker here, in the
 * relay's readiness data (its last error) and in {@code loop_outbox_oldest_age_seconds}.
 */
@ApplicationScoped
@HealthGroup("broker")
public class BrokerHealth implements HealthCheck {

    private static final int TIMEOUT_MS = 3000;

    private final Map<String, Object> config;
    private volatile Admin admin;

    public BrokerHealth(KafkaClientConfig kafka) {
        this.config = new HashMap<>(kafka.admin());
        this.config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("kafka-broker");
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            return health.up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return health.down().withData("error", "interrupted").build();
        } catch (Exception e) {
            return health.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(config);
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
