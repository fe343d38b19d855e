package org.learningloop.contracts.learning;

import java.util.List;
import java.util.UUID;

/**
 * A workplace meeting (APT) closed: immutable from now on. Its agreements follow as
 * {@code learning.agreement-made.v1}, and each team of the unit moves to its next loop iteration.
 * Keyed by the unit.
 *
 * @param agreementIds the agreements it made, in the order recorded
 * @param teamIds      the teams whose loop iteration it closed
 */
public record WorkplaceMeetingClosed(UUID workplaceMeetingId, UUID unitId, String month, List<UUID> agreementIds,
                                     List<UUID> teamIds) implements LearningEvent {

    @Override
    public UUID teamId() {
        return null;
    }
}
