package org.learningloop.learning;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.learning.apt.WorkplaceMeetingApi;
import org.learningloop.learning.learnings.LearningApi;
import org.learningloop.learning.meetings.WigMeetingApi;
import org.learningloop.testing.ApiMatchesContract;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** learning-service's request validation says what the schemas of the events it makes say (issue 14). */
class ApiMatchesContractTest {

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

    @TestFactory
    Stream<DynamicTest> everyBoundOfARequestIsTheBoundOfItsEvent() {
        return EVENTS.entrySet().stream().map(pair -> DynamicTest.dynamicTest(pair.getKey().getSimpleName(), () -> {
            EventType<?> event = LearningEvents.CATALOG.byName(pair.getValue()).orElseThrow();
            assertThat(ApiMatchesContract.check(pair.getKey(), event).mismatches()).isEmpty();
        }));
    }

    @Test
    void everyRequestIsChecked_andTheCheckComparesBounds() {
        List<Class<?>> requests = Stream.of(WorkplaceMeetingApi.class, LearningApi.class, WigMeetingApi.class)
                .flatMap(api -> Arrays.stream(api.getDeclaredClasses()))
                .filter(type -> type.isRecord() && type.getSimpleName().endsWith("Request"))
                .toList();
        assertThat(List.<Class<?>>copyOf(EVENTS.keySet())).containsExactlyInAnyOrderElementsOf(requests);
        int compared = EVENTS.entrySet().stream().mapToInt(pair -> ApiMatchesContract.check(pair.getKey(),
                LearningEvents.CATALOG.byName(pair.getValue()).orElseThrow()).compared()).sum();
        assertThat(compared).isGreaterThan(10);
    }
}
