package org.learningloop.goal;

import io.quarkus.test.common.QuarkusTestResource;
import org.learningloop.testing.IdentityResource;
import org.learningloop.testing.KafkaResource;
import org.learningloop.testing.PostgresResource;

/** Every @QuarkusTest of goal-service runs against a real PostgreSQL database and a real Kafka broker. */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(IdentityResource.class)
public final class GoalTestResources {

    private GoalTestResources() {
    }
}
