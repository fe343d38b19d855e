package org.learningloop.testing;

import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.MemberJoined;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.contracts.goal.UnitCreated;

import java.time.Instant;
import java.util.UUID;

/**
 * The organisation as goal-service publishes it on {@code loop.goals}, for the tests of a service that keeps a
 * replica of it: a unit with its manager, a team in it, members with their roles (a member id is the member's
 * identity's subject).
 */
public final class OrganisationOnTopic {

    private OrganisationOnTopic() {
    }

    public static void unit(String kafka, UUID unitId, String managerSubject) {
        publish(kafka, unitId, new UnitCreated(unitId, "Unit " + unitId.toString().substring(0, 8),
                UUID.fromString(managerSubject)));
    }

    public static void team(String kafka, UUID teamId, UUID unitId) {
        publish(kafka, teamId, new TeamCreated(teamId, unitId, "Team " + teamId.toString().substring(0, 8)));
    }

    public static void member(String kafka, UUID teamId, UUID unitId, String subject, TeamRole role) {
        publish(kafka, teamId, new MemberJoined(teamId, unitId, UUID.fromString(subject), role));
    }

    private static void publish(String kafka, UUID key, LoopEvent event) {
        var type = GoalEvents.CATALOG.typeOf(event);
        TopicReader.write(kafka, GoalEvents.TOPIC, key.toString(), GoalEvents.CATALOG.encode(event),
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", type.ceType(),
                "ce_source", "/goal-service", "ce_subject", key.toString(), "ce_time", Instant.now().toString());
    }
}
