package org.learningloop.learning;

import io.quarkus.test.junit.QuarkusTest;
import org.learningloop.testing.ServiceBasicsTest;

/** learning-service starts against a real database and broker and answers what every service answers. */
@QuarkusTest
class LearningServiceTest extends ServiceBasicsTest {
}
