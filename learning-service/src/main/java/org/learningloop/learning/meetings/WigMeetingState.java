package org.learningloop.learning.meetings;

import org.learningloop.contracts.learning.WigMeetingHeld;
import org.learningloop.contracts.learning.WigMeetingOpened;

/** A weekly WIG meeting's stream as its events leave it. */
public sealed interface WigMeetingState {

    /** No meeting for this team and week yet. */
    record NoMeeting() implements WigMeetingState {
    }

    /** Opened with its agenda, not yet recorded. */
    record OpenMeeting(WigMeetingOpened opened) implements WigMeetingState {
    }

    /** Recorded: immutable. */
    record HeldMeeting(WigMeetingOpened opened, WigMeetingHeld held) implements WigMeetingState {
    }
}
