package org.learningloop.learning;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.learningloop.testing.IdentityResource;
import org.learningloop.testing.KafkaResource;
import org.learningloop.testing.PostgresResource;
import org.learningloop.testing.ServiceBasicsTest;

/** learning-service starts against a real database and broker and answers what every service answers. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(IdentityResource.class)
class LearningServiceTest extends ServiceBasicsTest {
}
