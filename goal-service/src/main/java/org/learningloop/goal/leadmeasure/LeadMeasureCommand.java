package org.learningloop.goal.leadmeasure;

import org.learningloop.contracts.goal.LeadMeasureChecklist;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * What can be asked of a lead measure, the team's hypothesis of which activity moves its WIG. Time,
 * zone and what is known of other streams come in with the command; the decider reads nothing else.
 */
public sealed interface LeadMeasureCommand {

    UUID leadMeasureId();

    /**
     * Propose a lead measure for a team WIG, with the lead-measure tool's answers.
     *
     * @param wig what the WIG's stream says of the WIG the lead measure is for
     */
    record ProposeLeadMeasure(UUID leadMeasureId, WigFound wig, String name, String activityType, int weeklyTarget,
                              String hypothesis, LeadMeasureChecklist checklist) implements LeadMeasureCommand {
    }

    /**
     * Make a proposed lead measure active: its activities count from {@code activeFrom}.
     *
     * @param wig        what the WIG's stream says now of the lead measure's WIG: it must still be active
     * @param replacing  the lead measure this one replaces in the same decision, or {@code null}
     * @param activeFrom since when the team has been acting on it (its activities count from then), or {@code null}
     *                   for {@code now}; a replacement always counts from {@code now}
     */
    record ActivateLeadMeasure(UUID leadMeasureId, WigFound wig, Replacing replacing, Instant activeFrom, Instant now, ZoneId zone)
            implements LeadMeasureCommand {

        public ActivateLeadMeasure {
            Objects.requireNonNull(wig, "wig");
        }
    }

    /**
     * Retire a proposed or active lead measure.
     *
     * @param replacedBy  the lead measure activated in its place in the same decision, or {@code null}
     * @param agreementId the workplace meeting's agreement behind the replacement, or {@code null}
     * @param evidenceRef where else the evidence for it is recorded, or {@code null}
     */
    record RetireLeadMeasure(UUID leadMeasureId, String reason, UUID replacedBy, UUID agreementId, String evidenceRef)
            implements LeadMeasureCommand {
    }

    /** Record (or correct) the manual count of the lead measure's activities in an ISO week such as {@code 2026-W48}. */
    record RecordLeadReading(UUID leadMeasureId, String week, int count, Instant now, ZoneId zone)
            implements LeadMeasureCommand {
    }

    /**
     * The WIG a lead measure is proposed (or activated) for, as found in its stream.
     *
     * @param exists whether such a WIG has been set
     * @param active whether it still takes changes (neither achieved nor abandoned)
     */
    record WigFound(UUID wigId, boolean exists, UUID teamId, UUID unitId, boolean active) {
    }

    /**
     * The lead measure that an activation replaces, as the retirement in the same decision left it.
     *
     * @param wigId the WIG of the replaced lead measure: the replacement must be for the same one
     */
    record Replacing(UUID leadMeasureId, UUID wigId, String reason, UUID agreementId, String evidenceRef) {
    }
}
