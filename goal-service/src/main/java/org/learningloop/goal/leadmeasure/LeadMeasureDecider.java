package org.learningloop.goal.leadmeasure;

import org.learningloop.contracts.Periods;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureChecklist;
import org.learningloop.contracts.goal.LeadMeasureEvent;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.LeadMeasureRetired;
import org.learningloop.contracts.goal.LeadReadingCorrected;
import org.learningloop.contracts.goal.LeadReadingRecorded;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.CommandRejected.FieldError;
import org.learningloop.decider.Decider;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.ActivateLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.ProposeLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.RecordLeadReading;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.Replacing;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.RetireLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.WigFound;
import org.learningloop.goal.leadmeasure.LeadMeasureState.Activation;
import org.learningloop.goal.leadmeasure.LeadMeasureState.DefinedLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureState.DefinedLeadMeasure.Status;
import org.learningloop.goal.leadmeasure.LeadMeasureState.NoLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureState.Retirement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The rules of a lead measure: proposed for an active team WIG, activated only while that WIG is still
 * active and when the lead-measure tool finds it predictive and influenceable, retired (or replaced by
 * another, on evidence), and counted manually per ISO week while not retired.
 */
public final class LeadMeasureDecider implements Decider<LeadMeasureCommand, LeadMeasureEvent, LeadMeasureState> {

    /** How far back an activation may count from. */
    static final int ACTIVE_FROM_YEARS_BACK = 2;

    @Override
    public LeadMeasureState initialState() {
        return new NoLeadMeasure();
    }

    @Override
    public List<LeadMeasureEvent> decide(LeadMeasureCommand command, LeadMeasureState state) {
        if (command instanceof ProposeLeadMeasure propose) {
            return propose(propose, state);
        }
        if (command instanceof ActivateLeadMeasure activate) {
            return activate(activate, state);
        }
        if (command instanceof RetireLeadMeasure retire) {
            return retire(retire, state);
        }
        if (command instanceof RecordLeadReading reading) {
            return record(reading, state);
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static List<LeadMeasureEvent> propose(ProposeLeadMeasure command, LeadMeasureState state) {
        if (state instanceof DefinedLeadMeasure) {
            throw CommandRejected.ruleViolated("lead-measure-exists",
                    "Lead measure " + command.leadMeasureId() + " is already proposed");
        }
        WigFound wig = command.wig();
        if (!wig.exists()) {
            throw CommandRejected.unprocessable("wig-not-found", "There is no WIG " + wig.wigId(),
                    new FieldError("wigId", "no such WIG"));
        }
        if (wig.teamId() == null) {
            throw CommandRejected.unprocessable("not-a-team-wig",
                    "Lead measures belong to a team's WIG; WIG " + wig.wigId() + " has no team",
                    new FieldError("wigId", "is not a team WIG"));
        }
        if (!wig.active()) {
            throw CommandRejected.ruleViolated("wig-closed",
                    "WIG " + wig.wigId() + " is achieved or abandoned and takes no new lead measures");
        }
        return List.of(new LeadMeasureProposed(command.leadMeasureId(), wig.wigId(), wig.teamId(), wig.unitId(),
                command.name(), command.activityType(), command.weeklyTarget(), command.hypothesis(),
                command.checklist()));
    }

    private static List<LeadMeasureEvent> activate(ActivateLeadMeasure command, LeadMeasureState state) {
        Replacing replacing = command.replacing();
        if (!(state instanceof DefinedLeadMeasure measure)) {
            if (replacing != null) {
                throw CommandRejected.unprocessable("replacement-not-found",
                        "There is no lead measure " + command.leadMeasureId() + " to replace "
                                + replacing.leadMeasureId() + " with",
                        new FieldError("replacementId", "no such lead measure"));
            }
            throw notFound(command.leadMeasureId());
        }
        if (replacing != null && measure.status() == Status.ACTIVE && sameAgreement(replacing, measure.activation())) {
            return List.of(); // this agreement already made it replace that lead measure
        }
        if (measure.status() == Status.ACTIVE) {
            throw CommandRejected.ruleViolated("lead-measure-already-active",
                    "Lead measure " + measure.leadMeasureId() + " is already active"
                            + (replacing != null ? ": only a proposed lead measure can replace another" : ""));
        }
        if (measure.status() == Status.RETIRED) {
            throw retired(measure);
        }
        if (replacing != null && !replacing.wigId().equals(measure.wigId())) {
            throw CommandRejected.unprocessable("replacement-for-other-wig",
                    "Lead measure " + measure.leadMeasureId() + " is for WIG " + measure.wigId()
                            + ", not for WIG " + replacing.wigId() + " of the lead measure it would replace",
                    new FieldError("replacementId", "is a lead measure of another WIG"));
        }
        if (!command.wig().active()) {
            throw CommandRejected.ruleViolated("wig-closed",
                    "WIG " + measure.wigId() + " is achieved or abandoned: lead measure " + measure.leadMeasureId()
                            + " can no longer be activated");
        }
        List<String> unmet = unmetActivationCriteria(measure.checklist());
        if (!unmet.isEmpty()) {
            throw CommandRejected.ruleViolated("lead-measure-not-predictive-and-influenceable",
                    "Only a lead measure that is both predictive and influenceable can be activated; the lead-measure "
                            + "tool says " + measure.leadMeasureId() + " is not " + String.join(" and not ", unmet));
        }
        Instant activeFrom = replacing == null ? activeFrom(command) : command.now();
        return List.of(new LeadMeasureActivated(measure.leadMeasureId(), measure.wigId(), measure.teamId(),
                measure.unitId(), measure.activityType(), measure.weeklyTarget(),
                replacing == null ? null : replacing.leadMeasureId(),
                replacing == null ? null : replacing.reason(),
                replacing == null ? null : replacing.agreementId(),
                replacing == null ? null : replacing.evidenceRef(),
                activeFrom));
    }

    /**
     * Since when an activation counts: the instant asked for, or now. It may lie in the past — a team has often
     * acted on a lead measure before recording it here — but not in the future, and not before
     * {@link #earliestActiveFrom}.
     */
    private static Instant activeFrom(ActivateLeadMeasure command) {
        Instant asked = command.activeFrom();
        if (asked == null) {
            return command.now();
        }
        if (asked.isAfter(command.now())) {
            throw CommandRejected.unprocessable("active-from-in-future",
                    "A lead measure can be active from now or from an earlier instant, not from " + asked,
                    new FieldError("activeFrom", "must not be after now"));
        }
        Instant earliest = earliestActiveFrom(command.now(), command.zone());
        if (asked.isBefore(earliest)) {
            throw CommandRejected.unprocessable("active-from-too-early",
                    "A lead measure can be active from at most " + ACTIVE_FROM_YEARS_BACK + " years back: from "
                            + earliest + " on, not from " + asked,
                    new FieldError("activeFrom", "must not be before " + earliest));
        }
        return asked;
    }

    /**
     * The earliest instant an activation may count from: the start of the day {@value #ACTIVE_FROM_YEARS_BACK}
     * years before today in the organisation's zone. (The WIG's start date would be the natural bound, but a
     * lead measure's stream does not hold it.)
     */
    static Instant earliestActiveFrom(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).minusYears(ACTIVE_FROM_YEARS_BACK).atStartOfDay(zone).toInstant();
    }

    /** The criteria of the activation rule (predictive, influenceable) that the checklist does not meet. */
    static List<String> unmetActivationCriteria(LeadMeasureChecklist checklist) {
        List<String> unmet = new ArrayList<>();
        if (checklist.predictive() == null || !checklist.predictive().met()) {
            unmet.add("predictive");
        }
        if (checklist.influenceable() == null || !checklist.influenceable().met()) {
            unmet.add("influenceable");
        }
        return unmet;
    }

    private static List<LeadMeasureEvent> retire(RetireLeadMeasure command, LeadMeasureState state) {
        DefinedLeadMeasure measure = existing(state, command.leadMeasureId());
        if (measure.status() == Status.RETIRED) {
            Retirement done = measure.retirement();
            if (command.replacedBy() != null && command.replacedBy().equals(done.replacedBy())
                    && command.agreementId() != null && command.agreementId().equals(done.agreementId())) {
                return List.of(); // this agreement already replaced it by that lead measure
            }
            throw retired(measure);
        }
        if (command.replacedBy() != null) {
            if (command.replacedBy().equals(measure.leadMeasureId())) {
                throw CommandRejected.unprocessable("replacement-is-itself", "A lead measure cannot replace itself",
                        new FieldError("replacementId", "must be another lead measure"));
            }
            if (measure.status() != Status.ACTIVE) {
                throw CommandRejected.ruleViolated("lead-measure-not-active",
                        "Lead measure " + measure.leadMeasureId() + " is proposed, not active: only an active lead "
                                + "measure is replaced (retire a proposed one instead)");
            }
        }
        return List.of(new LeadMeasureRetired(measure.leadMeasureId(), measure.wigId(), measure.teamId(),
                measure.unitId(), command.reason(), command.replacedBy(), command.agreementId(), command.evidenceRef()));
    }

    private static List<LeadMeasureEvent> record(RecordLeadReading command, LeadMeasureState state) {
        DefinedLeadMeasure measure = existing(state, command.leadMeasureId());
        if (measure.status() == Status.RETIRED) {
            throw retired(measure);
        }
        LocalDate weekStart = Periods.start(command.week(), Cadence.WEEK).orElseThrow(() ->
                CommandRejected.unprocessable("invalid-week", "Not an ISO week",
                        new FieldError("week", "must be an ISO week such as " + Periods.example(Cadence.WEEK))));
        if (weekStart.isAfter(LocalDate.ofInstant(command.now(), command.zone()))) {
            throw CommandRejected.unprocessable("week-in-future", "A count can only be recorded for a week that has begun",
                    new FieldError("week", "has not begun yet"));
        }
        Integer previous = measure.readings().get(command.week());
        if (previous == null) {
            return List.of(new LeadReadingRecorded(measure.leadMeasureId(), measure.teamId(), measure.unitId(),
                    command.week(), command.count()));
        }
        if (previous == command.count()) {
            return List.of();
        }
        return List.of(new LeadReadingCorrected(measure.leadMeasureId(), measure.teamId(), measure.unitId(),
                command.week(), command.count(), previous));
    }

    @Override
    public LeadMeasureState evolve(LeadMeasureState state, LeadMeasureEvent event) {
        if (event instanceof LeadMeasureProposed proposed) {
            return new DefinedLeadMeasure(proposed.leadMeasureId(), proposed.wigId(), proposed.teamId(),
                    proposed.unitId(), proposed.name(), proposed.activityType(), proposed.weeklyTarget(),
                    proposed.hypothesis(), proposed.checklist(), Status.PROPOSED, null, null, new TreeMap<>());
        }
        DefinedLeadMeasure measure = (DefinedLeadMeasure) state;
        if (event instanceof LeadMeasureActivated activated) {
            return measure.activated(new Activation(activated.replacesLeadMeasureId(), activated.reason(),
                    activated.agreementId(), activated.evidenceRef(), activated.activeFrom()));
        }
        if (event instanceof LeadMeasureRetired retired) {
            return measure.retired(new Retirement(retired.reason(), retired.replacedByLeadMeasureId(),
                    retired.agreementId(), retired.evidenceRef()));
        }
        if (event instanceof LeadReadingRecorded recorded) {
            return measure.withReading(recorded.week(), recorded.count());
        }
        if (event instanceof LeadReadingCorrected corrected) {
            return measure.withReading(corrected.week(), corrected.count());
        }
        throw new IllegalArgumentException("Unhandled event " + event.getClass().getSimpleName());
    }

    private static boolean sameAgreement(Replacing replacing, Activation done) {
        return done != null && replacing.agreementId() != null
                && replacing.agreementId().equals(done.agreementId())
                && Objects.equals(replacing.leadMeasureId(), done.replaces());
    }

    private static DefinedLeadMeasure existing(LeadMeasureState state, UUID leadMeasureId) {
        if (!(state instanceof DefinedLeadMeasure measure)) {
            throw notFound(leadMeasureId);
        }
        return measure;
    }

    private static CommandRejected notFound(UUID leadMeasureId) {
        return CommandRejected.notFound("lead-measure-not-found", "There is no lead measure " + leadMeasureId);
    }

    private static CommandRejected retired(DefinedLeadMeasure measure) {
        return CommandRejected.ruleViolated("lead-measure-retired",
                "Lead measure " + measure.leadMeasureId() + " is retired and takes no more changes");
    }
}
