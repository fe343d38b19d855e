package org.learningloop.contracts.goal;

import java.util.UUID;

/**
 * A member joined the team (again, if they had left before). Never their name: v2 carries the keyed fingerprint of
 * their display name ({@code nameFingerprint}, {@code nameWords}; absent when joined without one, and in v1 events),
 * with which every service can refuse free text that names them without holding the name (issue 12).
 */
public record MemberJoined(UUID teamId, UUID unitId, UUID memberId, TeamRole role, String nameFingerprint,
                           Integer nameWords) implements TeamEvent {

    /** Joined without a name's fingerprint (as every v1 event). */
    public MemberJoined(UUID teamId, UUID unitId, UUID memberId, TeamRole role) {
        this(teamId, unitId, memberId, role, null, null);
    }
}
