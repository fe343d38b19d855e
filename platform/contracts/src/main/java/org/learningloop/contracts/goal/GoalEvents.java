package org.learningloop.contracts.goal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventType;

import java.time.Instant;
import java.util.List;

/** The event types goal-service publishes on {@code loop.goals}. */
public final class GoalEvents {

    public static final String TOPIC = "loop.goals";

    public static final EventType<WigDefined> WIG_DEFINED =
            new EventType<>("goal.wig-defined", 1, WigDefined.class);
    public static final EventType<LagReadingRecorded> LAG_READING_RECORDED =
            new EventType<>("goal.lag-reading-recorded", 1, LagReadingRecorded.class);
    public static final EventType<LagReadingCorrected> LAG_READING_CORRECTED =
            new EventType<>("goal.lag-reading-corrected", 1, LagReadingCorrected.class);

    public static final EventType<WigRevised> WIG_REVISED =
            new EventType<>("goal.wig-revised", 1, WigRevised.class);
    public static final EventType<WigAchieved> WIG_ACHIEVED =
            new EventType<>("goal.wig-achieved", 1, WigAchieved.class);
    public static final EventType<WigAbandoned> WIG_ABANDONED =
            new EventType<>("goal.wig-abandoned", 1, WigAbandoned.class);

    public static final EventType<UnitCreated> UNIT_CREATED =
            new EventType<>("goal.unit-created", 1, UnitCreated.class);
    public static final EventType<UnitManagerChanged> UNIT_MANAGER_CHANGED =
            new EventType<>("goal.unit-manager-changed", 1, UnitManagerChanged.class);

    public static final EventType<TeamCreated> TEAM_CREATED =
            new EventType<>("goal.team-created", 1, TeamCreated.class);
    public static final EventType<MemberErased> MEMBER_ERASED =
            new EventType<>("goal.member-erased", 1, MemberErased.class);
    public static final EventType<MemberJoined> MEMBER_JOINED =
            new EventType<>("goal.member-joined", 2, MemberJoined.class);
    public static final EventType<MemberRoleChanged> MEMBER_ROLE_CHANGED =
            new EventType<>("goal.member-role-changed", 1, MemberRoleChanged.class);
    public static final EventType<MemberLeft> MEMBER_LEFT =
            new EventType<>("goal.member-left", 1, MemberLeft.class);

    public static final EventType<LeadMeasureProposed> LEAD_MEASURE_PROPOSED =
            new EventType<>("goal.lead-measure-proposed", 1, LeadMeasureProposed.class);
    public static final EventType<LeadMeasureActivated> LEAD_MEASURE_ACTIVATED =
            new EventType<>("goal.lead-measure-activated", 2, LeadMeasureActivated.class);
    public static final EventType<LeadMeasureRetired> LEAD_MEASURE_RETIRED =
            new EventType<>("goal.lead-measure-retired", 1, LeadMeasureRetired.class);
    public static final EventType<LeadReadingRecorded> LEAD_READING_RECORDED =
            new EventType<>("goal.lead-reading-recorded", 1, LeadReadingRecorded.class);
    public static final EventType<LeadReadingCorrected> LEAD_READING_CORRECTED =
            new EventType<>("goal.lead-reading-corrected", 1, LeadReadingCorrected.class);

    public static final EventCatalog CATALOG = EventCatalog.of(List.of(
            WIG_DEFINED, LAG_READING_RECORDED, LAG_READING_CORRECTED, WIG_REVISED, WIG_ACHIEVED, WIG_ABANDONED,
            UNIT_CREATED, UNIT_MANAGER_CHANGED,
            TEAM_CREATED, MEMBER_JOINED, MEMBER_ROLE_CHANGED, MEMBER_LEFT, MEMBER_ERASED,
            LEAD_MEASURE_PROPOSED, LEAD_MEASURE_ACTIVATED, LEAD_MEASURE_RETIRED, LEAD_READING_RECORDED,
            LEAD_READING_CORRECTED))
            .withUpcaster(LEAD_MEASURE_ACTIVATED.name(), 1, GoalEvents::activeFromSinceItsTime)
            .withUpcaster(MEMBER_JOINED.name(), 1, (v1, occurredAt) -> v1); // v2 adds optional fields only

    /**
     * {@code goal.lead-measure-activated} v1 → v2: v2 always names {@code activeFrom}; a v1 event without it (written
     * before the field existed) counted from the event's own time, which the upcaster writes in. So no consumer
     * keeps that rule of its own.
     */
    static ObjectNode activeFromSinceItsTime(ObjectNode v1, Instant occurredAt) {
        if (!v1.hasNonNull("activeFrom")) {
            if (occurredAt == null) {
                throw new EventCatalog.UndecodableEvent("goal.lead-measure-activated.v1 without activeFrom needs the "
                        + "event's time to be read as v2");
            }
            v1.put("activeFrom", occurredAt.toString());
        }
        return v1;
    }

    private GoalEvents() {
    }
}
