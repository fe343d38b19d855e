package org.learningloop.activity.loop;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.privacy.NameFingerprint;
import org.learningloop.platform.privacy.PersonNames;
import org.learningloop.testing.OrganisationOnTopic;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.learningloop.activity.loop.ActivityFixtures.ANNA;
import static org.learningloop.activity.loop.ActivityFixtures.BO;
import static org.learningloop.activity.loop.ActivityFixtures.CARRY_OUT;
import static org.learningloop.activity.loop.ActivityFixtures.PROBLEM;
import static org.learningloop.activity.loop.ActivityFixtures.planned;
import static org.learningloop.activity.loop.ActivityFixtures.post;
import static org.learningloop.activity.loop.ActivityFixtures.storedEvents;

/**
 * activity-service never holds the members' names, yet refuses free text that names one (issue 12): it learns the
 * keyed fingerprint of each name from goal-service's {@code goal.member-joined} events, and a feedback text, an
 * adaptation or any other text of a request that contains a member's display name gets 422 names-a-person naming
 * the field, with nothing stored.
 */
@QuarkusTest
class NamesAPersonTest {

    private static final String SCHEDULED = "2026-11-20T09:00:00Z";

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @Inject
    PersonNames names;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void givenAMemberNamedOnTheTopic_whenAFreeTextNamesThem_then422NamingTheField_andNothingStored() {
        String name = "Quillon Zephyrsecr" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        NameFingerprint.Print print = names.fingerprint(name);
        OrganisationOnTopic.namedMember(kafka, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                print.fingerprint(), print.words());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (names.named(name) == null && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(names.named(name)).as("the name's fingerprint reached activity-service").isNotNull();

        String id = planned(ActivityFixtures.design(pool, store), SCHEDULED);
        long before = storedEvents(pool);
        post(id, "carry-out", "\"1\"", CARRY_OUT.replace("Met in the lunch room instead", "Met " + name.toLowerCase()
                + " in the lunch room"))
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("names-a-person"))
                .body("errors.field", hasItem("adaptations[0].what"));
        post(id, "carry-out", "\"1\"", CARRY_OUT).then().statusCode(200);
        post(id, "feedback", "\"2\"", ActivityFixtures.feedback(ANNA, BO).replace("Bring the salary figures",
                "Ask " + name + " for the salary figures"))
                .then().statusCode(422).body("code", equalTo("names-a-person"))
                .body("errors.field", hasItem("items[1].text"));
        assertThat(storedEvents(pool)).as("only the carry-out without a name").isEqualTo(before + 1);

        // erased (goal.member-erased): the fingerprint goes here too, and the name is no longer known
        UUID member = names.named(name);
        OrganisationOnTopic.erased(kafka, member);
        long erasedBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (names.named(name) != null && System.nanoTime() < erasedBy) {
            sleep();
        }
        assertThat(names.named(name)).as("the erased name's fingerprint is forgotten").isNull();
        assertThat(pool.preparedQuery("select count(*) from person_name where member_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(member)).await().indefinitely().iterator().next().getLong(0))
                .isZero();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
