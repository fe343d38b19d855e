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

    public static final EventCatalog CATALOG = EventCatalog.of(List.of(AGREEMENT_MADE, LEARNING_RECORDED,
            CANDIDATE_DISMISSED, CANDIDATE_MERGED, WIG_MEETING_OPENED, WIG_MEETING_HELD));

    private LearningEvents() {
    }
}
