package org.learningloop.goal.organisation;

import org.learningloop.contracts.goal.TeamRole;

import java.util.UUID;

/** What can be asked of a WIG team and its membership. Members appear by id only. */
public sealed interface TeamCommand {

    UUID teamId();

    /**
     * Form a team in a unit.
     *
     * @param unit what is known of the unit the team belongs to
     */
    record CreateTeam(UUID teamId, TeamUnit unit, String name) implements TeamCommand {
    }

    /** A member joins the team (again, if they left before). */
    /** The keyed fingerprint of the member's display name and its word count (never the name), or nulls. */
    record AddMember(UUID teamId, UUID memberId, TeamRole role, String nameFingerprint, Integer nameWords)
            implements TeamCommand {
    }

    /** A current member gets another role; the same role again changes nothing. */
    record ChangeMemberRole(UUID teamId, UUID memberId, TeamRole role) implements TeamCommand {
    }

    /** A current member leaves the team; their history in it stays. */
    record RemoveMember(UUID teamId, UUID memberId) implements TeamCommand {
    }

    /**
     * The unit a new team is formed in, as found in its stream.
     *
     * @param exists whether such a unit has been set up
     */
    record TeamUnit(UUID unitId, boolean exists) {
    }
}
