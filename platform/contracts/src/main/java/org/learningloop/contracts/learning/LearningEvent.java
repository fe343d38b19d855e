package org.learningloop.contracts.learning;

import org.learningloop.contracts.LoopEvent;

/**
 * What learning-service publishes on {@code loop.learning}: learnings, meetings and their
 * agreements.
 */
public sealed interface LearningEvent extends LoopEvent permits AgreementMade, LearningRecorded,
        CandidateDismissed, CandidateMerged, WigMeetingOpened, WigMeetingHeld, WorkplaceMeetingOpened, CoachingNoteAdded,
        AgreementRecorded, WorkplaceMeetingClosed, LoopIterationClosed, LoopIterationOpened {
}
