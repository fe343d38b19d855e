package org.learningloop.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.learningloop.infra.KafkaBroker;

import java.util.Map;

/**
 * Points the service under test at the test JVM's real Kafka broker, and injects that broker into
 * test fields annotated {@link InjectKafkaBroker} (for tests that stop and restart it).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = Infrastructure.kafka();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        // the broker outlives the suite and stops with the JVM
    }
}
