package org.learningloop.contracts.goal;

import java.util.UUID;

/**
 * A lead measure was proposed for a team WIG: the activities of {@code activityType} it counts, its
 * weekly target, the hypothesis in words and the lead-measure tool's answers.
 */
public record LeadMeasureProposed(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String name,
                                  String activityType, int weeklyTarget, String hypothesis,
                                  LeadMeasureChecklist checklist) implements LeadMeasureEvent {
}
