package org.learningloop.contracts.activity;

/** The quality evaluation after an activity: a score 1–5 per dimension. */
public record QualityScores(int intention, int frames, int content, int presence, int focus, int flexibility) {
}
