package org.learningloop.contracts.goal;

import java.util.UUID;

/**
 * An org admin erased a person's data: their display name (goal-service) and their name's fingerprint (every
 * service). Every service forgets what it keeps of them on reading it. Carries no personal data.
 */
public record MemberErased(UUID memberId) implements StaffEvent {

    @Override
    public UUID teamId() {
        return null;
    }

    @Override
    public UUID unitId() {
        return null;
    }
}
