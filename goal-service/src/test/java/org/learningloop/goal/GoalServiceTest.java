package org.learningloop.goal;

import io.quarkus.test.junit.QuarkusTest;
import org.learningloop.testing.ServiceBasicsTest;

/** goal-service answers what every service answers. */
@QuarkusTest
class GoalServiceTest extends ServiceBasicsTest {
}
