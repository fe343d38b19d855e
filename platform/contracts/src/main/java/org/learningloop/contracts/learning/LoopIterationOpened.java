package org.learningloop.contracts.learning;

import java.util.UUID;

/**
 * A team's next loop iteration began when the workplace meeting (APT) of its unit closed. Keyed by the unit:
 * it is an event of the meeting's stream.
 *
 * @param fromMonth          its first month: the one after the closing meeting's
 * @param workplaceMeetingId the meeting that closed the previous iteration
 */
public record LoopIterationOpened(UUID teamId, UUID unitId, int iteration, String fromMonth, UUID workplaceMeetingId)
        implements LearningEvent {

    /** The unit: every event of a workplace meeting's stream has the unit as key (one stream, one partition). */
    @Override
    public String subject() {
        return unitId().toString();
    }
}
