package org.learningloop.activity;

import io.quarkus.test.junit.QuarkusTest;
import org.learningloop.testing.ServiceBasicsTest;

/** activity-service starts against a real database and broker and answers what every service answers. */
@QuarkusTest
class ActivityServiceTest extends ServiceBasicsTest {
}
