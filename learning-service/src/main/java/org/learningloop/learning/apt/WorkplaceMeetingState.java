package org.learningloop.learning.apt;

import org.learningloop.contracts.learning.AgreementRecorded;
import org.learningloop.contracts.learning.CoachingNoteAdded;
import org.learningloop.contracts.learning.WorkplaceMeetingClosed;
import org.learningloop.contracts.learning.WorkplaceMeetingOpened;

import java.util.List;

/** A workplace meeting's stream as its events leave it. */
public sealed interface WorkplaceMeetingState {

    /** No meeting for this unit and month yet. */
    record NoMeeting() implements WorkplaceMeetingState {
    }

    /** Opened: notes and agreements may be added. */
    record OpenMeeting(WorkplaceMeetingOpened opened, List<CoachingNoteAdded> notes, List<AgreementRecorded> agreements)
            implements WorkplaceMeetingState {
    }

    /** Closed: immutable. */
    record ClosedMeeting(WorkplaceMeetingOpened opened, List<CoachingNoteAdded> notes,
                         List<AgreementRecorded> agreements, WorkplaceMeetingClosed closed) implements WorkplaceMeetingState {
    }
}
