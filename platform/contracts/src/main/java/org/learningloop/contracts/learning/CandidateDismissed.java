package org.learningloop.contracts.learning;

import java.util.UUID;

/**
 * A team dismissed a learning candidate (an improvement proposal from an evaluated activity) with the
 * reason. Keyed by the team.
 *
 * @param candidateId derived from the activity and the proposal's position in its evaluation
 */
public record CandidateDismissed(UUID candidateId, UUID teamId, UUID unitId, UUID activityId, String reason)
        implements LearningEvent {
}
