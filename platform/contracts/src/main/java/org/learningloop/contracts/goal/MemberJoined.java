package org.learningloop.contracts.goal;

import java.util.UUID;

/** A member joined the team (again, if they had left before). */
public record MemberJoined(UUID teamId, UUID unitId, UUID memberId, TeamRole role) implements TeamEvent {
}
