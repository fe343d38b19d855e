package org.learningloop.contracts.learning;

import java.util.List;
import java.util.UUID;

/**
 * A unit opened its monthly workplace meeting (APT). Keyed by the unit.
 *
 * @param workplaceMeetingId derived from the unit and the month: one meeting per unit and month
 * @param month              e.g. {@code 2026-11}
 * @param teamIds            the unit's teams known when it opened (their learning is in the digest)
 */
public record WorkplaceMeetingOpened(UUID workplaceMeetingId, UUID unitId, String month, List<UUID> teamIds)
        implements LearningEvent {

    @Override
    public UUID teamId() {
        return null;
    }
}
