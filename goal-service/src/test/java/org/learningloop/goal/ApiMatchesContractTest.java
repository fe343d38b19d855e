package org.learningloop.goal;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.goal.leadmeasure.LeadMeasureApi;
import org.learningloop.goal.organisation.OrganisationApi;
import org.learningloop.goal.wig.WigApi;
import org.learningloop.testing.ApiMatchesContract;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** goal-service's request validation says what the schemas of the events it makes say (issue 14). */
class ApiMatchesContractTest {

    /** Each request with the event its fields end up in. */
    private static final Map<Class<? extends Record>, String> EVENTS = Map.ofEntries(
            Map.entry(WigApi.DefineWigRequest.class, "goal.wig-defined"),
            Map.entry(WigApi.LagReadingRequest.class, "goal.lag-reading-recorded"),
            Map.entry(WigApi.ReviseWigRequest.class, "goal.wig-revised"),
            Map.entry(WigApi.AbandonWigRequest.class, "goal.wig-abandoned"),
            Map.entry(OrganisationApi.CreateUnitRequest.class, "goal.unit-created"),
            Map.entry(OrganisationApi.CreateTeamRequest.class, "goal.team-created"),
            Map.entry(OrganisationApi.AddMemberRequest.class, "goal.member-joined"),
            Map.entry(OrganisationApi.ChangeManagerRequest.class, "goal.unit-manager-changed"),
            Map.entry(OrganisationApi.ChangeRoleRequest.class, "goal.member-role-changed"),
            Map.entry(LeadMeasureApi.ProposeLeadMeasureRequest.class, "goal.lead-measure-proposed"),
            Map.entry(LeadMeasureApi.RetireLeadMeasureRequest.class, "goal.lead-measure-retired"),
            Map.entry(LeadMeasureApi.ReplaceLeadMeasureRequest.class, "goal.lead-measure-activated"),
            Map.entry(LeadMeasureApi.ActivateLeadMeasureRequest.class, "goal.lead-measure-activated"),
            Map.entry(LeadMeasureApi.LeadReadingRequest.class, "goal.lead-reading-recorded"));

    @TestFactory
    Stream<DynamicTest> everyBoundOfARequestIsTheBoundOfItsEvent() {
        return EVENTS.entrySet().stream().map(pair -> DynamicTest.dynamicTest(pair.getKey().getSimpleName(), () -> {
            EventType<?> event = GoalEvents.CATALOG.byName(pair.getValue()).orElseThrow();
            ApiMatchesContract.Result result = ApiMatchesContract.check(pair.getKey(), event);
            assertThat(result.mismatches()).isEmpty();
        }));
    }

    @Test
    void everyRequestIsChecked_andTheCheckComparesBounds() {
        List<Class<?>> requests = Stream.of(WigApi.class, OrganisationApi.class, LeadMeasureApi.class)
                .flatMap(api -> Arrays.stream(api.getDeclaredClasses()))
                .filter(type -> type.isRecord() && type.getSimpleName().endsWith("Request"))
                .filter(type -> type != WigApi.LagMeasureRequest.class) // checked within DefineWigRequest
                .toList();
        assertThat(List.<Class<?>>copyOf(EVENTS.keySet())).containsExactlyInAnyOrderElementsOf(requests);
        int compared = EVENTS.entrySet().stream().mapToInt(pair -> ApiMatchesContract.check(pair.getKey(),
                GoalEvents.CATALOG.byName(pair.getValue()).orElseThrow()).compared()).sum();
        assertThat(compared).isGreaterThan(20);
    }
}
