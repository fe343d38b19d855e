package org.learningloop.contracts.learning;

import java.util.List;
import java.util.UUID;

/**
 * A team recorded a learning: an insight with its evidence, the design element it concerns and tags
 * from the controlled vocabulary. Keyed by the team.
 *
 * @param element         {@code intention}, {@code frames} or {@code content}; {@code null} when it concerns none
 * @param tags            from the controlled vocabulary: {@code before}, {@code during}, {@code after},
 *                        {@code intention}, {@code frames}, {@code content}, {@code presence}, {@code focus},
 *                        {@code flexibility}
 * @param activityIds     the activities it rests on
 * @param fromCandidateId the learning candidate it confirms, if any
 */
public record LearningRecorded(UUID learningId, UUID teamId, UUID unitId, String insight, String element,
                               List<String> tags, List<UUID> activityIds, UUID fromCandidateId)
        implements LearningEvent {
}
