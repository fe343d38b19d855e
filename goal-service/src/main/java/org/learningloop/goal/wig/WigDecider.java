package org.learningloop.goal.wig;

import org.learningloop.contracts.Periods;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.WigAbandoned;
import org.learningloop.contracts.goal.WigAchieved;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.goal.WigEvent;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.CommandRejected.FieldError;
import org.learningloop.decider.Decider;
import org.learningloop.goal.wig.WigCommand.AbandonWig;
import org.learningloop.goal.wig.WigCommand.AchieveWig;
import org.learningloop.goal.wig.WigCommand.DefineWig;
import org.learningloop.goal.wig.WigCommand.ParentWig;
import org.learningloop.goal.wig.WigCommand.RecordLagReading;
import org.learningloop.goal.wig.WigCommand.ReviseWig;
import org.learningloop.goal.wig.WigState.DefinedWig;
import org.learningloop.goal.wig.WigState.NoWig;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.Map;

/** The rules of a WIG and its lag measure. */
public final class WigDecider implements Decider<WigCommand, WigEvent, WigState> {

    @Override
    public WigState initialState() {
        return new NoWig();
    }

    @Override
    public List<WigEvent> decide(WigCommand command, WigState state) {
        if (command instanceof DefineWig define) {
            return define(define, state);
        }
        if (command instanceof RecordLagReading reading) {
            return record(reading, state);
        }
        if (command instanceof ReviseWig revise) {
            return revise(revise, active(state, revise.wigId()));
        }
        if (command instanceof AchieveWig achieve) {
            DefinedWig wig = active(state, achieve.wigId());
            return List.of(new WigAchieved(wig.wigId(), wig.teamId(), wig.unitId()));
        }
        if (command instanceof AbandonWig abandon) {
            DefinedWig wig = active(state, abandon.wigId());
            return List.of(new WigAbandoned(wig.wigId(), wig.teamId(), wig.unitId(), abandon.reason()));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static List<WigEvent> define(DefineWig command, WigState state) {
        if (state instanceof DefinedWig) {
            throw CommandRejected.ruleViolated("wig-exists", "WIG " + command.wigId() + " is already set");
        }
        LagMeasure lag = command.lagMeasure();
        if (!lag.deadline().isAfter(lag.startDate())) {
            throw CommandRejected.unprocessable("deadline-not-after-start", "The deadline must come after the start",
                    new FieldError("lagMeasure.deadline", "must be after startDate " + lag.startDate()));
        }
        if (lag.from().compareTo(lag.to()) == 0) {
            throw CommandRejected.unprocessable("target-equals-start", "A WIG goes from X to a different Y",
                    new FieldError("lagMeasure.to", "must differ from lagMeasure.from"));
        }
        UUID unitId = owningUnit(command);
        ParentWig parent = command.parent();
        if (parent != null) {
            if (!parent.exists()) {
                throw CommandRejected.unprocessable("parent-wig-not-found", "There is no WIG " + parent.wigId(),
                        new FieldError("parentWigId", "no such WIG"));
            }
            if (command.teamId() == null && unitId == null) {
                throw CommandRejected.unprocessable("organisation-wig-has-no-parent",
                        "The organisation WIG is the top of the hierarchy", new FieldError("parentWigId", "must be absent"));
            }
            if (parent.teamId() != null) {
                throw CommandRejected.unprocessable("parent-is-team-wig",
                        "A WIG aims at a unit's or the organisation's WIG, not at another team's",
                        new FieldError("parentWigId", "is a team WIG"));
            }
            if (command.teamId() == null && parent.unitId() != null) {
                throw CommandRejected.unprocessable("parent-must-be-organisation-wig",
                        "A unit WIG aims at the organisation's WIG", new FieldError("parentWigId", "is a unit WIG"));
            }
            if (parent.unitId() != null && !parent.unitId().equals(unitId)) {
                throw CommandRejected.unprocessable("parent-in-other-unit", "The parent WIG belongs to another unit",
                        new FieldError("parentWigId", "belongs to unit " + parent.unitId()));
            }
        }
        return List.of(new WigDefined(command.wigId(), command.teamId(), unitId,
                parent == null ? null : parent.wigId(), command.title(), lag));
    }

    /** The unit of the new WIG: the team's for a team WIG (which must exist), the named one for a unit WIG. */
    private static UUID owningUnit(DefineWig command) {
        WigCommand.Owner owner = command.owner();
        if (command.teamId() != null) {
            if (owner == null || !owner.exists()) {
                throw CommandRejected.unprocessable("team-not-found", "There is no team " + command.teamId(),
                        new FieldError("teamId", "no such team"));
            }
            if (command.unitId() != null && !command.unitId().equals(owner.unitId())) {
                throw CommandRejected.unprocessable("team-in-other-unit", "The team belongs to unit " + owner.unitId(),
                        new FieldError("unitId", "is not the team's unit"));
            }
            return owner.unitId();
        }
        if (command.unitId() != null && (owner == null || !owner.exists())) {
            throw CommandRejected.unprocessable("unit-not-found", "There is no unit " + command.unitId(),
                    new FieldError("unitId", "no such unit"));
        }
        return command.unitId();
    }

    /** The WIG in {@code state}, which must exist (404) and be active (409). */
    private static DefinedWig active(WigState state, java.util.UUID wigId) {
        if (!(state instanceof DefinedWig wig)) {
            throw CommandRejected.notFound("wig-not-found", "There is no WIG " + wigId);
        }
        if (!wig.isActive()) {
            throw CommandRejected.ruleViolated("wig-closed",
                    "WIG " + wigId + " is " + wig.status().name().toLowerCase() + " and takes no more changes");
        }
        return wig;
    }

    private static List<WigEvent> revise(ReviseWig command, DefinedWig wig) {
        String title = command.title() != null ? command.title() : wig.title();
        java.math.BigDecimal to = command.to() != null ? command.to() : wig.lagMeasure().to();
        LocalDate deadline = command.deadline() != null ? command.deadline() : wig.lagMeasure().deadline();
        if (title.equals(wig.title()) && to.compareTo(wig.lagMeasure().to()) == 0
                && deadline.equals(wig.lagMeasure().deadline())) {
            return List.of();
        }
        if (!deadline.isAfter(wig.lagMeasure().startDate())) {
            throw CommandRejected.unprocessable("deadline-not-after-start", "The deadline must come after the start",
                    new FieldError("deadline", "must be after startDate " + wig.lagMeasure().startDate()));
        }
        if (to.compareTo(wig.lagMeasure().from()) == 0) {
            throw CommandRejected.unprocessable("target-equals-start", "A WIG goes from X to a different Y",
                    new FieldError("to", "must differ from lagMeasure.from"));
        }
        return List.of(new WigRevised(wig.wigId(), wig.teamId(), wig.unitId(), title, to, deadline, command.reason()));
    }

    private static List<WigEvent> record(RecordLagReading command, WigState state) {
        DefinedWig wig = active(state, command.wigId());
        LagMeasure lag = wig.lagMeasure();
        LocalDate periodStart = Periods.start(command.period(), lag.cadence()).orElseThrow(() ->
                CommandRejected.unprocessable("invalid-period", "Not a period of this WIG's cadence",
                        new FieldError("period", "must be a " + lag.cadence().name().toLowerCase()
                                + " such as " + Periods.example(lag.cadence()))));
        if (periodStart.isAfter(LocalDate.ofInstant(command.now(), command.zone()))) {
            throw CommandRejected.unprocessable("period-in-future", "A reading can only be recorded for a period that has begun",
                    new FieldError("period", "has not begun yet"));
        }
        Map<String, java.math.BigDecimal> readings = wig.readings();
        java.math.BigDecimal previous = readings.get(command.period());
        if (previous == null) {
            return List.of(new LagReadingRecorded(wig.wigId(), wig.teamId(), wig.unitId(), command.period(), command.value()));
        }
        if (previous.compareTo(command.value()) == 0) {
            return List.of();
        }
        return List.of(new LagReadingCorrected(wig.wigId(), wig.teamId(), wig.unitId(), command.period(), command.value(),
                previous));
    }

    @Override
    public WigState evolve(WigState state, WigEvent event) {
        if (event instanceof WigDefined defined) {
            return new DefinedWig(defined.wigId(), defined.teamId(), defined.unitId(), defined.parentWigId(),
                    defined.title(), defined.lagMeasure(), new java.util.TreeMap<>(), DefinedWig.Status.ACTIVE);
        }
        DefinedWig wig = (DefinedWig) state;
        if (event instanceof LagReadingRecorded recorded) {
            return wig.withReading(recorded.period(), recorded.value());
        }
        if (event instanceof LagReadingCorrected corrected) {
            return wig.withReading(corrected.period(), corrected.value());
        }
        if (event instanceof WigRevised revised) {
            LagMeasure lag = wig.lagMeasure();
            return wig.revised(revised.title(), new LagMeasure(lag.metric(), lag.unit(), lag.from(), revised.to(),
                    lag.startDate(), revised.deadline(), lag.cadence()));
        }
        if (event instanceof WigAchieved) {
            return wig.withStatus(DefinedWig.Status.ACHIEVED);
        }
        if (event instanceof WigAbandoned) {
            return wig.withStatus(DefinedWig.Status.ABANDONED);
        }
        throw new IllegalArgumentException("Unhandled event " + event.getClass().getSimpleName());
    }
}
