package org.learningloop.activity;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.learningloop.activity.design.DesignApi;
import org.learningloop.activity.loop.ActivityApi;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.testing.ApiMatchesContract;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** activity-service's request validation says what the schemas of the events it makes say (issue 14). */
class ApiMatchesContractTest {

    /** Each request with the event its fields end up in. */
    private static final Map<Class<? extends Record>, String> EVENTS = Map.ofEntries(
            Map.entry(DesignApi.CreateDesignRequest.class, "activity.design-created"),
            Map.entry(DesignApi.ReviseDesignRequest.class, "activity.design-revised"),
            Map.entry(DesignApi.ForkDesignRequest.class, "activity.design-forked"),
            Map.entry(DesignApi.RetireDesignRequest.class, "activity.design-retired"),
            Map.entry(ActivityApi.PlanActivityRequest.class, "activity.planned"),
            Map.entry(ActivityApi.CarryOutRequest.class, "activity.carried-out"),
            Map.entry(ActivityApi.EvaluateRequest.class, "activity.evaluated"),
            Map.entry(ActivityApi.FeedbackRequest.class, "activity.feedback-given"),
            Map.entry(ActivityApi.CancelRequest.class, "activity.cancelled"));

    @TestFactory
    Stream<DynamicTest> everyBoundOfARequestIsTheBoundOfItsEvent() {
        return EVENTS.entrySet().stream().map(pair -> DynamicTest.dynamicTest(pair.getKey().getSimpleName(), () -> {
            EventType<?> event = ActivityEvents.CATALOG.byName(pair.getValue()).orElseThrow();
            assertThat(ApiMatchesContract.check(pair.getKey(), event).mismatches()).isEmpty();
        }));
    }

    @Test
    void everyRequestIsChecked_andTheCheckComparesBounds() {
        // reference data (activity types, segments) is no event; its keys follow the same Bounds.KEY
        Set<String> notEvents = Set.of("ActivityTypeRequest", "SegmentRequest");
        List<Class<?>> requests = Stream.of(DesignApi.class, ActivityApi.class)
                .flatMap(api -> Arrays.stream(api.getDeclaredClasses()))
                .filter(type -> type.isRecord() && type.getSimpleName().endsWith("Request"))
                .filter(type -> !notEvents.contains(type.getSimpleName()))
                .toList();
        assertThat(List.<Class<?>>copyOf(EVENTS.keySet())).containsExactlyInAnyOrderElementsOf(requests);
        int compared = EVENTS.entrySet().stream().mapToInt(pair -> ApiMatchesContract.check(pair.getKey(),
                ActivityEvents.CATALOG.byName(pair.getValue()).orElseThrow()).compared()).sum();
        assertThat(compared).isGreaterThan(30);
    }
}
