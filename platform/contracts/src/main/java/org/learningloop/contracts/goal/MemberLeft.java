package org.learningloop.contracts.goal;

import java.util.UUID;

/** A member left the team; their history in it stays. */
public record MemberLeft(UUID teamId, UUID unitId, UUID memberId) implements TeamEvent {
}
