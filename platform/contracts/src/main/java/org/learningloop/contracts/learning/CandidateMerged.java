package org.learningloop.contracts.learning;

import java.util.UUID;

/**
 * A team merged a learning candidate into a learning it had already recorded: the candidate's proposal
 * and activity count as further evidence for that learning. Keyed by the team.
 */
public record CandidateMerged(UUID candidateId, UUID teamId, UUID unitId, UUID activityId, UUID learningId)
        implements LearningEvent {
}
