package org.learningloop.learning.learnings;

import org.learningloop.contracts.learning.LearningRecorded;

import java.util.UUID;

/** A learning's stream (or a candidate's) as its events leave it. */
public sealed interface LearningState {

    /** Nothing recorded yet. */
    record NoLearning() implements LearningState {
    }

    /** A recorded learning. */
    record RecordedLearning(LearningRecorded recorded) implements LearningState {
    }

    /** A learning candidate merged into a learning. */
    record MergedCandidate(UUID learningId) implements LearningState {
    }

    /** A dismissed learning candidate. */
    record DismissedCandidate(String reason) implements LearningState {
    }
}
