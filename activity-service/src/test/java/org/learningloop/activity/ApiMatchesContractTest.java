package org.learningloop.activity;

import org.learningloop.activity.catalog.CatalogApi;
import org.learningloop.activity.design.DesignApi;
import org.learningloop.activity.loop.ActivityApi;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.testing.RequestsMatchTheirEventsTest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** activity-service's request validation says what the schemas of the events it makes say (issue 14). */
class ApiMatchesContractTest extends RequestsMatchTheirEventsTest {

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

    @Override
    protected EventCatalog catalog() {
        return ActivityEvents.CATALOG;
    }

    @Override
    protected Map<Class<? extends Record>, String> events() {
        return EVENTS;
    }

    @Override
    protected List<Class<?>> apis() {
        return List.of(DesignApi.class, ActivityApi.class, CatalogApi.class);
    }

    @Override
    protected Set<Class<?>> notEvents() {
        // reference data (activity types, segments) is no event; its keys follow the same Bounds.KEY
        return Set.of(CatalogApi.ActivityTypeRequest.class, CatalogApi.OutcomeRequest.class, CatalogApi.SegmentRequest.class);
    }
}
