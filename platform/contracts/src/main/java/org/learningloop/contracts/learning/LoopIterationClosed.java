package org.learningloop.contracts.learning;

import java.util.List;
import java.util.UUID;

/**
 * A team's loop iteration ended with the workplace meeting (APT) of its unit. Keyed by the unit:
 * it is an event of the meeting's stream.
 *
 * @param iteration          1 for the team's first
 * @param fromMonth          its first month; absent for iteration 1 (it runs from the team's start)
 * @param toMonth            its last month: the closing meeting's
 * @param agreementIds       the meeting's agreements that concern the team (its own and the unit-wide ones)
 */
public record LoopIterationClosed(UUID teamId, UUID unitId, int iteration, String fromMonth, String toMonth,
                                  UUID workplaceMeetingId, List<UUID> agreementIds) implements LearningEvent {

    /** The unit: every event of a workplace meeting's stream has the unit as key (one stream, one partition). */
    @Override
    public String subject() {
        return unitId().toString();
    }
}
