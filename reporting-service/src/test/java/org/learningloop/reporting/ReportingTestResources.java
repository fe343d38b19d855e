package org.learningloop.reporting;

import io.quarkus.test.common.QuarkusTestResource;
import org.learningloop.testing.IdentityResource;
import org.learningloop.testing.KafkaResource;
import org.learningloop.testing.PostgresResource;

/**
 * Every @QuarkusTest of reporting-service runs against a real PostgreSQL database, a real Kafka broker and the test
 * identity provider (declared once here; Quarkus applies them to every test class of the module).
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(IdentityResource.class)
public final class ReportingTestResources {

    private ReportingTestResources() {
    }
}
