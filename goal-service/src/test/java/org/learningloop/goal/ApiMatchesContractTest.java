package org.learningloop.goal;

import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.goal.leadmeasure.LeadMeasureApi;
import org.learningloop.goal.organisation.OrganisationApi;
import org.learningloop.goal.wig.WigApi;
import org.learningloop.testing.RequestsMatchTheirEventsTest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** goal-service's request validation says what the schemas of the events it makes say (issue 14). */
class ApiMatchesContractTest extends RequestsMatchTheirEventsTest {

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

    @Override
    protected EventCatalog catalog() {
        return GoalEvents.CATALOG;
    }

    @Override
    protected Map<Class<? extends Record>, String> events() {
        return EVENTS;
    }

    @Override
    protected List<Class<?>> apis() {
        return List.of(WigApi.class, OrganisationApi.class, LeadMeasureApi.class);
    }

    @Override
    protected Set<Class<?>> notEvents() {
        return Set.of(WigApi.LagMeasureRequest.class); // checked within DefineWigRequest
    }
}
