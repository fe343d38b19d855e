package org.learningloop.learning;

import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.learning.apt.WorkplaceMeetingApi;
import org.learningloop.learning.learnings.LearningApi;
import org.learningloop.learning.meetings.WigMeetingApi;
import org.learningloop.testing.RequestsMatchTheirEventsTest;

import java.util.List;
import java.util.Map;

/** learning-service's request validation says what the schemas of the events it makes say (issue 14). */
class ApiMatchesContractTest extends RequestsMatchTheirEventsTest {

    /** Each request with the event its fields end up in. */
    private static final Map<Class<? extends Record>, String> EVENTS = Map.ofEntries(
            Map.entry(WorkplaceMeetingApi.OpenWorkplaceMeetingRequest.class, "learning.workplace-meeting-opened"),
            Map.entry(WorkplaceMeetingApi.CoachingNoteRequest.class, "learning.coaching-note-added"),
            Map.entry(WorkplaceMeetingApi.AgreementRequest.class, "learning.agreement-recorded"),
            Map.entry(LearningApi.RecordLearningRequest.class, "learning.learning-recorded"),
            Map.entry(LearningApi.DismissRequest.class, "learning.candidate-dismissed"),
            Map.entry(LearningApi.MergeRequest.class, "learning.candidate-merged"),
            Map.entry(WigMeetingApi.OpenWigMeetingRequest.class, "learning.wig-meeting-opened"),
            Map.entry(WigMeetingApi.RecordWigMeetingRequest.class, "learning.wig-meeting-held"));

    @Override
    protected EventCatalog catalog() {
        return LearningEvents.CATALOG;
    }

    @Override
    protected Map<Class<? extends Record>, String> events() {
        return EVENTS;
    }

    @Override
    protected List<Class<?>> apis() {
        return List.of(WorkplaceMeetingApi.class, LearningApi.class, WigMeetingApi.class);
    }
}
