package org.learningloop.contracts.goal;

/** One question of the lead-measure tool, answered yes or no with a short justification. */
public record Criterion(boolean met, String justification) {
}
