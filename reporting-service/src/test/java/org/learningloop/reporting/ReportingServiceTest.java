package org.learningloop.reporting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.learningloop.testing.KafkaResource;
import org.learningloop.testing.PostgresResource;
import org.learningloop.testing.ServiceBasicsTest;

/** reporting-service starts against a real database and broker and answers what every service answers. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ReportingServiceTest extends ServiceBasicsTest {
}
