package org.learningloop.learning.learnings;

import java.util.List;
import java.util.UUID;

/** What a team asks of a learning or a learning candidate. */
public sealed interface LearningCommand {

    /**
     * What the candidate read model says of a learning candidate when the command is given.
     *
     * @param status {@code open}, {@code confirmed} or {@code dismissed}
     */
    record CandidateFact(UUID candidateId, UUID teamId, UUID unitId, UUID activityId, String element, String proposal,
                         String status) {
    }

    /**
     * Records a learning; with {@code fromCandidateId} it confirms that candidate ({@code candidate} is
     * {@code null} when there is no such candidate).
     */
    record RecordLearning(UUID learningId, UUID teamId, UUID unitId, String insight, String element, List<String> tags,
                          List<UUID> activityIds, UUID fromCandidateId, CandidateFact candidate) implements LearningCommand {
    }

    /**
     * Merges a learning candidate into a recorded learning of the same team ({@code candidate} is
     * {@code null} when there is none; {@code learningOfTeam} says whether the learning is the candidate's team's).
     */
    record MergeCandidate(UUID candidateId, UUID learningId, CandidateFact candidate, boolean learningOfTeam)
            implements LearningCommand {
    }

    /** Dismisses a learning candidate ({@code candidate} is {@code null} when there is none). */
    record DismissCandidate(UUID candidateId, String reason, CandidateFact candidate) implements LearningCommand {
    }
}
