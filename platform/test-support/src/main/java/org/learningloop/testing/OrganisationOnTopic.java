package org.learningloop.testing;

import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.MemberErased;
import org.learningloop.contracts.goal.MemberJoined;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.TeamRole;
import org.learningloop.contracts.goal.UnitCreated;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The organisation as goal-service publishes it on {@code loop.goals}, for the tests of a service that keeps a
 * replica of it: a unit with its manager, a team in it, members with their roles (a member id is the member's
 * identity's subject).
 */
public final class OrganisationOnTopic {

    private OrganisationOnTopic() {
    }

    /** The unit and team of an {@link AccessMatrix}: the callers' team and unit. */
    public record Scope(UUID unitId, UUID teamId) {
    }

    /**
     * Publishes the organisation an {@link AccessMatrix} needs: the unit with its manager and the team with its member
     * and lead; another unit with its manager and another team with its member. Then waits until the service's
     * replica knows the member, the lead and the manager: each reads {@code teamPath} (with {@code {teamId}}) with 200.
     */
    public static Scope forMatrix(String kafka, Map<AccessMatrix.Caller, String> subjects, String teamPath) {
        UUID unit = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID otherUnit = UUID.randomUUID();
        UUID otherTeam = UUID.randomUUID();
        unit(kafka, unit, subjects.get(AccessMatrix.Caller.MANAGER));
        unit(kafka, otherUnit, subjects.get(AccessMatrix.Caller.MANAGER_OF_ANOTHER_UNIT));
        team(kafka, team, unit);
        team(kafka, otherTeam, otherUnit);
        member(kafka, team, unit, subjects.get(AccessMatrix.Caller.MEMBER), TeamRole.MEMBER);
        member(kafka, team, unit, subjects.get(AccessMatrix.Caller.TEAM_LEAD), TeamRole.TEAM_LEAD);
        member(kafka, otherTeam, otherUnit, subjects.get(AccessMatrix.Caller.MEMBER_OF_ANOTHER_TEAM), TeamRole.MEMBER);
        String path = teamPath.replace("{teamId}", team.toString());
        for (AccessMatrix.Caller caller : List.of(AccessMatrix.Caller.MEMBER, AccessMatrix.Caller.TEAM_LEAD,
                AccessMatrix.Caller.MANAGER)) {
            Awaitility.await("the replica to know " + caller).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> SignedIn.as(subjects.get(caller)).get(path).statusCode() == 200);
        }
        return new Scope(unit, team);
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

    /** A member joined, with the keyed fingerprint of their display name as goal-service publishes it (issue 12). */
    public static void namedMember(String kafka, UUID teamId, UUID unitId, UUID memberId, String fingerprint, int words) {
        publish(kafka, teamId, new MemberJoined(teamId, unitId, memberId, TeamRole.MEMBER, fingerprint, words));
    }

    /** An org admin erased the person's data, as goal-service publishes it (keyed by the organisation). */
    public static void erased(String kafka, UUID memberId) {
        publish(kafka, LoopEvent.ORGANISATION, new MemberErased(memberId));
    }

    private static void publish(String kafka, UUID key, LoopEvent event) {
        publish(kafka, key.toString(), event);
    }

    private static void publish(String kafka, String key, LoopEvent event) {
        var type = GoalEvents.CATALOG.typeOf(event);
        TopicReader.write(kafka, GoalEvents.TOPIC, key, GoalEvents.CATALOG.encode(event),
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", type.ceType(),
                "ce_source", "/goal-service", "ce_subject", key, "ce_time", Instant.now().toString());
    }
}
