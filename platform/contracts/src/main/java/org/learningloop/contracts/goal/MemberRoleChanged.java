package org.learningloop.contracts.goal;

import java.util.UUID;

/** A member's role in the team changed. */
public record MemberRoleChanged(UUID teamId, UUID unitId, UUID memberId, TeamRole role, TeamRole previousRole)
        implements TeamEvent {
}
