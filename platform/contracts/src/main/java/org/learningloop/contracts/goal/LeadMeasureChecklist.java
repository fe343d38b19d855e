package org.learningloop.contracts.goal;

/**
 * The lead-measure tool: is the candidate predictive of the lag measure, influenceable by the team,
 * measurable, in the team's own hands, and ongoing? Only a predictive and influenceable one can be activated.
 */
public record LeadMeasureChecklist(Criterion predictive, Criterion influenceable, Criterion measurable,
                                   Criterion teamOwned, Criterion ongoing) {
}
