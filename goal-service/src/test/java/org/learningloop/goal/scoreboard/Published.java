package org.learningloop.goal.scoreboard;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Raw records on the topics, as goal-service's relay ({@code loop.goals}, keyed by team, else unit) and
 * activity-service ({@code loop.activities}, keyed by team) publish them, so the scoreboard is tested from
 * the published contracts alone. Each method answers the record's event id.
 */
final class Published {

    static final String WORKPLACE_VISIT = "workplace-visit";
    private static final UUID DESIGN = UUID.fromString("7e7f7a7b-7c7d-4e8f-8a9b-0c1d2e3f4a5b");

    private final String kafka;
    private final Pool pool;

    Published(String kafka, Pool pool) {
        this.kafka = kafka;
        this.pool = pool;
    }

    /** Waits until the scoreboard's consumer has applied the event (its inbox row commits with the effect). */
    void awaitApplied(String eventId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> pool
                .preparedQuery("select 1 from inbox where consumer = $1 and event_id = $2")
                .execute(Tuple.of(ScoreboardProjection.CONSUMER, UUID.fromString(eventId)))
                .map(rows -> rows.size() == 1).await().indefinitely());
    }

    String unitCreated(UUID unit, String name) {
        return goal(unit, "goal.unit-created.v1", """
                {"unitId": "%s", "name": "%s", "managerId": "%s"}""".formatted(unit, name, UUID.randomUUID()));
    }

    String teamCreated(UUID team, UUID unit, String name) {
        return goal(team, "goal.team-created.v1", """
                {"teamId": "%s", "unitId": "%s", "name": "%s"}""".formatted(team, unit, name));
    }

    /** A team WIG (or, with {@code team} null, a unit WIG) with a monthly lag measure. */
    String wigDefined(UUID wig, UUID team, UUID unit, String title, int from, int to, LocalDate start, LocalDate deadline) {
        return goal(team != null ? team : unit, "goal.wig-defined.v1", """
                {"wigId": "%s", %s "unitId": "%s", "title": "%s",
                 "lagMeasure": {"metric": "net-new-members", "unit": "members/month", "from": %d, "to": %d,
                                "startDate": "%s", "deadline": "%s", "cadence": "month"}}"""
                .formatted(wig, team == null ? "" : "\"teamId\": \"" + team + "\",", unit, title, from, to, start, deadline));
    }

    String wigRevised(UUID wig, UUID team, UUID unit, String title, int to, LocalDate deadline) {
        return goal(team, "goal.wig-revised.v1", """
                {"wigId": "%s", "teamId": "%s", "unitId": "%s", "title": "%s", "to": %d, "deadline": "%s", "reason": "test"}"""
                .formatted(wig, team, unit, title, to, deadline));
    }

    String wigAbandoned(UUID wig, UUID team, UUID unit) {
        return goal(team, "goal.wig-abandoned.v1", """
                {"wigId": "%s", "teamId": "%s", "unitId": "%s", "reason": "test"}""".formatted(wig, team, unit));
    }

    String lagReadingRecorded(UUID wig, UUID team, UUID unit, String period, String value) {
        return goal(team, "goal.lag-reading-recorded.v1", """
                {"wigId": "%s", "teamId": "%s", "unitId": "%s", "period": "%s", "value": %s}"""
                .formatted(wig, team, unit, period, value));
    }

    String lagReadingCorrected(UUID wig, UUID team, UUID unit, String period, String value, String previous) {
        return goal(team, "goal.lag-reading-corrected.v1", """
                {"wigId": "%s", "teamId": "%s", "unitId": "%s", "period": "%s", "value": %s, "previousValue": %s}"""
                .formatted(wig, team, unit, period, value, previous));
    }

    String leadMeasureProposed(UUID leadMeasure, UUID wig, UUID team, UUID unit, String name, String activityType,
                               int weeklyTarget) {
        return goal(team, "goal.lead-measure-proposed.v1", """
                {"leadMeasureId": "%s", "wigId": "%s", "teamId": "%s", "unitId": "%s", "name": "%s",
                 "activityType": "%s", "weeklyTarget": %d, "hypothesis": "More of it moves the WIG"}"""
                .formatted(leadMeasure, wig, team, unit, name, activityType, weeklyTarget));
    }

    String leadMeasureActivated(UUID leadMeasure, UUID wig, UUID team, UUID unit, String activityType, int weeklyTarget) {
        return leadMeasureActivatedAt(leadMeasure, wig, team, unit, activityType, weeklyTarget, nextGoalEventTime());
    }

    String leadMeasureActivatedAt(UUID leadMeasure, UUID wig, UUID team, UUID unit, String activityType, int weeklyTarget,
                                  String time) {
        return goal(team, "goal.lead-measure-activated.v1", """
                {"leadMeasureId": "%s", "wigId": "%s", "teamId": "%s", "unitId": "%s", "activityType": "%s",
                 "weeklyTarget": %d}""".formatted(leadMeasure, wig, team, unit, activityType, weeklyTarget), time);
    }

    String leadMeasureRetired(UUID leadMeasure, UUID wig, UUID team, UUID unit) {
        return leadMeasureRetiredAt(leadMeasure, wig, team, unit, nextGoalEventTime());
    }

    String leadMeasureRetiredAt(UUID leadMeasure, UUID wig, UUID team, UUID unit, String time) {
        return goal(team, "goal.lead-measure-retired.v1", """
                {"leadMeasureId": "%s", "wigId": "%s", "teamId": "%s", "unitId": "%s", "reason": "test"}"""
                .formatted(leadMeasure, wig, team, unit), time);
    }

    String leadReadingRecorded(UUID leadMeasure, UUID team, UUID unit, String week, int count) {
        return goal(team, "goal.lead-reading-recorded.v1", """
                {"leadMeasureId": "%s", "teamId": "%s", "unitId": "%s", "week": "%s", "count": %d}"""
                .formatted(leadMeasure, team, unit, week, count));
    }

    String leadReadingCorrected(UUID leadMeasure, UUID team, UUID unit, String week, int count, int previous) {
        return goal(team, "goal.lead-reading-corrected.v1", """
                {"leadMeasureId": "%s", "teamId": "%s", "unitId": "%s", "week": "%s", "count": %d, "previousCount": %d}"""
                .formatted(leadMeasure, team, unit, week, count, previous));
    }

    /** An activity carried out, under a new event id. */
    String activityCarriedOut(UUID activity, UUID team, UUID unit, String activityType, String carriedOutAt) {
        return activityCarriedOut(UUID.randomUUID().toString(), activity, team, unit, activityType, carriedOutAt);
    }

    /** An activity carried out, under the event id given (the same id again is a redelivery). */
    String activityCarriedOut(String eventId, UUID activity, UUID team, UUID unit, String activityType,
                              String carriedOutAt) {
        String payload = """
                {"activityId": "%s", "teamId": "%s", "unitId": "%s", "activityType": "%s",
                 "designId": "%s", "designVersion": 1, "segment": "call-centre", "carriedOutAt": "%s",
                 "presence": 4, "focus": 4, "intentionReached": "yes", "outcomes": {"membersRecruited": 1}}"""
                .formatted(activity, team, unit, activityType, DESIGN, carriedOutAt);
        write("loop.activities", team, "/activity-service", eventId, "activity.carried-out.v1", carriedOutAt, payload);
        return eventId;
    }

    /** Goal events happen a second apart from here on, in the order published: before the tests' activities. */
    private static final Instant GOAL_EVENTS_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final java.util.concurrent.atomic.AtomicLong GOAL_EVENTS = new java.util.concurrent.atomic.AtomicLong();

    private static String nextGoalEventTime() {
        return GOAL_EVENTS_FROM.plusSeconds(GOAL_EVENTS.incrementAndGet()).toString();
    }

    private String goal(UUID key, String type, String payload) {
        return goal(key, type, payload, nextGoalEventTime());
    }

    private String goal(UUID key, String type, String payload, String time) {
        String eventId = UUID.randomUUID().toString();
        write("loop.goals", key, "/goal-service", eventId, type, time, payload);
        return eventId;
    }

    private void write(String topic, UUID key, String source, String eventId, String type, String time, String payload) {
        TopicReader.write(kafka, topic, key.toString(), payload,
                "ce_specversion", "1.0", "ce_id", eventId, "ce_type", type, "ce_source", source,
                "ce_subject", key.toString(), "ce_time", time, "content-type", "application/json");
    }
}
