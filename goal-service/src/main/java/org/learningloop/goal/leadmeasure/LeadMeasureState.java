package org.learningloop.goal.leadmeasure;

import org.learningloop.contracts.goal.LeadMeasureChecklist;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** A lead measure's lifecycle: not yet proposed, or proposed → active → retired, with its manual weekly counts. */
public sealed interface LeadMeasureState {

    /** No lead measure in this stream yet. */
    record NoLeadMeasure() implements LeadMeasureState {
    }

    /**
     * A lead measure that has been proposed.
     *
     * @param activation how it became active, or {@code null} while proposed
     * @param retirement how it was retired, or {@code null} before
     * @param readings   each ISO week's manual count, in week order
     */
    record DefinedLeadMeasure(UUID leadMeasureId, UUID wigId, UUID teamId, UUID unitId, String name,
                              String activityType, int weeklyTarget, String hypothesis,
                              LeadMeasureChecklist checklist, Status status, Activation activation,
                              Retirement retirement, SortedMap<String, Integer> readings) implements LeadMeasureState {

        /** Where the lead measure is in its life. */
        public enum Status { PROPOSED, ACTIVE, RETIRED }

        public DefinedLeadMeasure {
            readings = Collections.unmodifiableSortedMap(new TreeMap<>(readings));
        }

        DefinedLeadMeasure activated(Activation how) {
            return new DefinedLeadMeasure(leadMeasureId, wigId, teamId, unitId, name, activityType, weeklyTarget,
                    hypothesis, checklist, Status.ACTIVE, how, retirement, readings);
        }

        DefinedLeadMeasure retired(Retirement how) {
            return new DefinedLeadMeasure(leadMeasureId, wigId, teamId, unitId, name, activityType, weeklyTarget,
                    hypothesis, checklist, Status.RETIRED, activation, how, readings);
        }

        DefinedLeadMeasure withReading(String week, int count) {
            SortedMap<String, Integer> next = new TreeMap<>(readings);
            next.put(week, count);
            return new DefinedLeadMeasure(leadMeasureId, wigId, teamId, unitId, name, activityType, weeklyTarget,
                    hypothesis, checklist, status, activation, retirement, next);
        }

        /** The lead measure this one replaced when it became active, or {@code null}. */
        public UUID replaces() {
            return activation == null ? null : activation.replaces();
        }

        /** The lead measure that replaced this one, or {@code null}. */
        public UUID replacedBy() {
            return retirement == null ? null : retirement.replacedBy();
        }
    }

    /**
     * How a lead measure became active: on its own, or replacing another with a reason and evidence.
     *
     * @param activeFrom the instant from which its activities count (an activation stored as v1 without it is
     *                   read with its event's time there)
     */
    record Activation(UUID replaces, String reason, UUID agreementId, String evidenceRef, Instant activeFrom) {
    }

    /** Why a lead measure was retired and, when replaced, by which one and on what evidence. */
    record Retirement(String reason, UUID replacedBy, UUID agreementId, String evidenceRef) {
    }
}
