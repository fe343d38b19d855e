package org.learningloop.activity.loop;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignEvent;
import org.learningloop.contracts.activity.DesignRetired;
import org.learningloop.contracts.activity.DesignRevised;
import org.learningloop.contracts.activity.Frames;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.eventstore.NewEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.learningloop.testing.SignedIn.given;

/**
 * Designs and activities for the REST tests. Designs are written as their published events straight into
 * the event store (the design API is another package's), which is all planning reads of them.
 */
final class ActivityFixtures {

    static final String PROBLEM = "application/problem+json";

    private ActivityFixtures() {
    }

    /** A team and unit with a design of theirs for workplace visits. */
    record Design(UUID designId, UUID teamId, UUID unitId) {
    }

    static Design design(Pool pool, EventStore store) {
        UUID design = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        append(pool, store, design, 0, new DesignCreated(design, unit, team, "Lunch-room visit", "workplace-visit", null,
                List.of("call-centre"), "Members see what the union does for them",
                new Frames(45, "Lunch room", List.of("two recruiters"), List.of("leaflets")),
                new Content(List.of("Ask about the workplace"), List.of("Salary review")), "Asking first opens it"));
        return new Design(design, team, unit);
    }

    static void revise(Pool pool, EventStore store, Design design, int toVersion) {
        append(pool, store, design.designId(), toVersion - 1, new DesignRevised(design.designId(), design.unitId(),
                design.teamId(), toVersion, "Sharper intention", null, null, null, "Agreed at APT", null));
    }

    static void retire(Pool pool, EventStore store, Design design, long atVersion) {
        append(pool, store, design.designId(), atVersion, new DesignRetired(design.designId(), design.unitId(),
                design.teamId(), "Does not work", null));
    }

    private static void append(Pool pool, EventStore store, UUID designId, long expected, DesignEvent event) {
        EventType<DesignEvent> type = ActivityEvents.CATALOG.typeOf(event);
        NewEvent stored = new NewEvent(UUID.randomUUID(), type.name(), type.version(), event.teamId(), event.unitId(),
                event.subject(), Instant.now(), ActivityEvents.CATALOG.encode(event), "{}");
        pool.withTransaction(tx -> store.append(tx, "design", "design-" + designId, expected, List.of(stored)))
                .await().indefinitely();
    }

    static long storedEvents(Pool pool) {
        return pool.query("select count(*) from event_store").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    static long viewRows(Pool pool, UUID activityId) {
        return pool.preparedQuery("select count(*) from activity_view where activity_id = $1").execute(Tuple.of(activityId))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    static final UUID ANNA = UUID.fromString("11111111-2222-4333-8444-555555555555");
    static final UUID BO = UUID.fromString("66666666-7777-4888-8999-aaaaaaaaaaaa");

    static String planBody(Design design, String scheduledAt) {
        return """
                {"teamId": "%s", "designId": "%s", "scheduledAt": "%s",
                 "workplace": {"reference": "WP-0042", "segment": "call-centre", "employees": 120},
                 "participants": ["%s", "%s"],
                 "preparation": "Booked the lunch room; printed leaflets",
                 "hypothesis": "Asking about the workplace first opens the conversation"}"""
                .formatted(design.teamId(), design.designId(), scheduledAt, ANNA, BO);
    }

    static Response plan(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/activities");
    }

    /** Plans an activity and returns its id. */
    static String planned(Design design, String scheduledAt) {
        return plan(planBody(design, scheduledAt)).then().statusCode(201).extract().path("id");
    }

    static final String CARRY_OUT = """
            {"carriedOutAt": "2026-11-26T09:30:00Z", "presence": 4, "focus": 5, "intentionReached": "partly",
             "adaptations": [{"element": "frames", "what": "Met in the lunch room instead", "why": "The meeting room was taken"}],
             "outcomes": {"membersRecruited": 3}}""";

    static final String EVALUATE = """
            {"filtering": {"signal": ["Questions about pay"], "noise": ["The coffee machine"]},
             "quality": {"intention": 4, "frames": 3, "content": 4, "presence": 5, "focus": 4, "flexibility": 3},
             "improvementProposals": [{"element": "content", "proposal": "Start with pay"}]}""";

    static String feedback(UUID from, UUID to) {
        return """
                {"fromMemberId": "%s", "toMemberId": "%s",
                 "items": [{"category": "keep", "element": "presence", "text": "You listened well"},
                           {"category": "improve", "element": "content", "text": "Bring the salary figures"}]}"""
                .formatted(from, to);
    }

    static Response post(String activityId, String action, String ifMatch, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post("/activities/" + activityId + "/" + action);
    }
}
