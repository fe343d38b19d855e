package org.learningloop.contracts.activity;

import java.util.List;
import java.util.UUID;

/** After: filtering, quality evaluation and improvement proposals for the design. */
public record ActivityEvaluated(UUID activityId, UUID teamId, UUID unitId, UUID designId, Integer designVersion,
                                String segment, Filtering filtering, QualityScores quality,
                                List<ImprovementProposal> improvementProposals) implements ActivityEvent {
}
