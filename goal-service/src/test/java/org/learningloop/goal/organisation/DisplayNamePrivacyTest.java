package org.learningloop.goal.organisation;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.privacy.PersonNames;
import org.learningloop.testing.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.learningloop.goal.organisation.OrganisationFixtures.join;
import static org.learningloop.goal.organisation.OrganisationFixtures.team;

/** Staff display names are personal data: the API shows them, the events (stored and published) never hold them. */
@QuarkusTest
class DisplayNamePrivacyTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    PersonNames names;

    @Test
    void givenMemberJoinedWithDisplayName_thenNameServedByApiAndKeptInStaffData_butInNoStoredOrPublishedEvent() {
        UUID team = team("Private team");
        UUID member = UUID.randomUUID();
        String name = "Quintus Privatus " + UUID.randomUUID();

        join(team, 1, member, name, "member").then().statusCode(200).body("members[0].displayName", equalTo(name));
        given().get("/teams/" + team).then().statusCode(200).body("members[0].displayName", equalTo(name));
        assertThat(pool.preparedQuery("select display_name from staff_member where member_id = $1").execute(Tuple.of(member))
                .map(rows -> rows.iterator().next().getString(0)).await().indefinitely()).isEqualTo(name);

        long storedWithName = pool.preparedQuery("""
                        select count(*) from event_store
                        where payload::text like '%' || $1 || '%' or metadata::text like '%' || $1 || '%'""")
                .execute(Tuple.of("Quintus Privatus"))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
        assertThat(storedWithName).isZero();
        long joinedStored = pool.preparedQuery("select count(*) from event_store where stream_id = $1 and event_type = 'goal.member-joined'")
                .execute(Tuple.of("team-" + team))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
        assertThat(joinedStored).as("the join itself is stored").isEqualTo(1);

        List<ConsumerRecord<String, String>> published = TopicReader.readUntil(kafka, "loop.goals", Duration.ofSeconds(60),
                read -> read.stream().anyMatch(r -> team.toString().equals(r.key())
                        && "goal.member-joined.v2".equals(TopicReader.header(r, "ce_type"))));
        ConsumerRecord<String, String> joined = published.stream()
                .filter(r -> team.toString().equals(r.key()) && "goal.member-joined.v2".equals(TopicReader.header(r, "ce_type")))
                .findFirst().orElseThrow();
        assertThat(joined.value()).contains(member.toString())
                .as("the keyed fingerprint of the name, never the name").contains(names.fingerprint(name).fingerprint());
        assertThat(published).allSatisfy(record -> {
            assertThat(record.value()).doesNotContain("Quintus Privatus");
            record.headers().forEach(header ->
                    assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain("Quintus Privatus"));
        });
    }

    /**
     * Names are kept out of free text at the door (issue 12): once a member has joined with a name, a text that names
     * them, whatever its case and spacing, is refused with 422 names-a-person naming the field, and nothing is stored;
     * the display name itself is the one field meant to hold it.
     */
    @Test
    void givenAMemberWithAName_whenAFreeTextNamesThem_then422NamesAPerson_andNothingStored() {
        UUID unit = OrganisationFixtures.unit("Named unit");
        UUID team = OrganisationFixtures.team(unit, "Named team");
        String name = "Quillon Zephyrsecr" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        join(team, 1, UUID.randomUUID(), name, "member").then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (names.named(name) == null && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(names.named(name)).as("the member's name is known within the refresh").isNotNull();
        long before = OrganisationFixtures.count(pool, "event_store");

        OrganisationFixtures.post("/teams", OrganisationFixtures.teamBody(unit, "The team of  " + name.toUpperCase()))
                .then().statusCode(422).contentType(OrganisationFixtures.PROBLEM)
                .body("code", equalTo("names-a-person")).body("errors[0].field", equalTo("name"));
        OrganisationFixtures.post("/units", OrganisationFixtures.unitBody("Unit " + name.toLowerCase() + " runs",
                UUID.randomUUID())).then().statusCode(422).body("errors[0].field", equalTo("name"));
        assertThat(OrganisationFixtures.count(pool, "event_store")).as("nothing stored").isEqualTo(before);

        OrganisationFixtures.post("/teams", OrganisationFixtures.teamBody(unit, "The team of Quillon"))
                .then().statusCode(201);
    }

    /**
     * The right to erasure as one operation (issue 12): the display name and the name's fingerprint go, the event
     * says only who, the name is no longer refused in free text, and erasing again erases and records nothing.
     */
    @Test
    void givenAMemberWithAName_whenErased_thenNameAndFingerprintAreGone_andASecondErasureIsANoOp() {
        UUID unit = OrganisationFixtures.unit("Erasure unit");
        UUID team = OrganisationFixtures.team(unit, "Erasure team");
        UUID member = UUID.randomUUID();
        String name = "Erasmus Forgettable" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        join(team, 1, member, name, "member").then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (names.named(name) == null && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(names.named(name)).isEqualTo(member);
        given().get("/members/" + member).then().statusCode(200).body("displayName", equalTo(name))
                .body("nameFingerprintKept", equalTo(true)).body("erased", equalTo(false))
                .body("teams[0].teamId", equalTo(team.toString())).body("teams[0].role", equalTo("member"))
                .body("teams[0].leftAt", org.hamcrest.Matchers.nullValue());

        given().post("/members/" + member + "/erasure").then().statusCode(200)
                .body("memberId", equalTo(member.toString()))
                .body("erased", org.hamcrest.Matchers.contains("display-name", "name-fingerprint"))
                .body("alreadyErased", equalTo(false));

        given().get("/teams/" + team).then().statusCode(200).body("members[0].memberId", equalTo(member.toString()))
                .body("members[0].displayName", org.hamcrest.Matchers.nullValue());
        assertThat(OrganisationFixtures.count(pool, "staff_member where member_id = '" + member + "'")).isZero();
        given().get("/members/" + member).then().statusCode(200).body("displayName", org.hamcrest.Matchers.nullValue())
                .body("nameFingerprintKept", equalTo(false)).body("erased", equalTo(true))
                .body("teams[0].teamId", equalTo(team.toString()));
        assertThat(OrganisationFixtures.count(pool, "person_name where member_id = '" + member + "'")).isZero();
        String stream = "staff-" + member;
        assertThat(pool.preparedQuery("select event_type || ' ' || payload::text from event_store where stream_id = $1")
                .execute(Tuple.of(stream)).await().indefinitely().iterator().next().getString(0))
                .isEqualTo("goal.member-erased {\"memberId\": \"" + member + "\"}");

        long gone = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (names.named(name) != null && System.nanoTime() < gone) {
            sleep();
        }
        assertThat(names.named(name)).as("an erased name is no longer known").isNull();
        OrganisationFixtures.post("/teams", OrganisationFixtures.teamBody(unit, "Team of " + name)).then().statusCode(201);

        given().post("/members/" + member + "/erasure").then().statusCode(200)
                .body("erased", org.hamcrest.Matchers.empty()).body("alreadyErased", equalTo(true));
        assertThat(OrganisationFixtures.count(pool, "event_store where stream_id = '" + stream + "'")).isEqualTo(1);

        // nobody the organisation knew: nothing to erase, nothing recorded
        long before = OrganisationFixtures.count(pool, "event_store");
        given().post("/members/" + UUID.randomUUID() + "/erasure").then().statusCode(404)
                .contentType(OrganisationFixtures.PROBLEM).body("code", equalTo("member-not-found"));
        given().post("/members/not-a-uuid/erasure").then().statusCode(org.hamcrest.Matchers.oneOf(400, 404))
                .contentType(OrganisationFixtures.PROBLEM);
        assertThat(OrganisationFixtures.count(pool, "event_store")).isEqualTo(before);
    }

    static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
