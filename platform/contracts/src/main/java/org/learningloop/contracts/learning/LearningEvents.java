package org.learningloop.contracts.learning;

import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventType;

import java.util.List;

/** The event types learning-service publishes on {@code loop.learning}. */
public final class LearningEvents {

    public static final String TOPIC = "loop.learning";

    public static final EventType<AgreementMade> AGREEMENT_MADE =
            new EventType<>("learning.agreement-made", 1, AgreementMade.class);

    public static final EventType<LearningRecorded> LEARNING_RECORDED =
            new EventType<>("learning.learning-recorded", 1, LearningRecorded.class);

    public static final EventType<CandidateDismissed> CANDIDATE_DISMISSED =
            new EventType<>("learning.candidate-dismissed", 1, CandidateDismissed.class);

    public static final EventType<CandidateMerged> CANDIDATE_MERGED =
            new EventType<>("learning.candidate-merged", 1, CandidateMerged.class);

    public static final EventType<WigMeetingOpened> WIG_MEETING_OPENED =
            new EventType<>("learning.wig-meeting-opened", 1, WigMeetingOpened.class);

    public static final EventType<WigMeetingHeld> WIG_MEETING_HELD =
            new EventType<>("learning.wig-meeting-held", 1, WigMeetingHeld.class);

    public static final EventType<WorkplaceMeetingOpened> WORKPLACE_MEETING_OPENED =
            new EventType<>("learning.workplace-meeting-opened", 1, WorkplaceMeetingOpened.class);

    public static final EventType<CoachingNoteAdded> COACHING_NOTE_ADDED =
            new EventType<>("learning.coaching-note-added", 1, CoachingNoteAdded.class);

    public static final EventType<AgreementRecorded> AGREEMENT_RECORDED =
            new EventType<>("learning.agreement-recorded", 1, AgreementRecorded.class);

    public static final EventType<WorkplaceMeetingClosed> WORKPLACE_MEETING_CLOSED =
            new EventType<>("learning.workplace-meeting-closed", 1, WorkplaceMeetingClosed.class);

    public static final EventType<LoopIterationClosed> LOOP_ITERATION_CLOSED =
            new EventType<>("learning.loop-iteration-closed", 1, LoopIterationClosed.class);

    public static final EventType<LoopIterationOpened> LOOP_ITERATION_OPENED =
            new EventType<>("learning.loop-iteration-opened", 1, LoopIterationOpened.class);

    public static final EventCatalog CATALOG = EventCatalog.of(List.of(AGREEMENT_MADE, LEARNING_RECORDED,
            CANDIDATE_DISMISSED, CANDIDATE_MERGED, WIG_MEETING_OPENED, WIG_MEETING_HELD, WORKPLACE_MEETING_OPENED,
            COACHING_NOTE_ADDED, AGREEMENT_RECORDED, WORKPLACE_MEETING_CLOSED, LOOP_ITERATION_CLOSED,
            LOOP_ITERATION_OPENED));

    private LearningEvents() {
    }
}
