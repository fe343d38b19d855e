package org.learningloop.goal.organisation;

import org.learningloop.contracts.goal.UnitCreated;
import org.learningloop.contracts.goal.UnitEvent;
import org.learningloop.contracts.goal.UnitManagerChanged;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.Decider;
import org.learningloop.goal.organisation.UnitCommand.ChangeManager;
import org.learningloop.goal.organisation.UnitCommand.CreateUnit;
import org.learningloop.goal.organisation.UnitState.ExistingUnit;
import org.learningloop.goal.organisation.UnitState.NoUnit;

import java.util.List;

/** The rules of a unit: it is set up once, and has one manager at a time. */
public final class UnitDecider implements Decider<UnitCommand, UnitEvent, UnitState> {

    @Override
    public UnitState initialState() {
        return new NoUnit();
    }

    @Override
    public List<UnitEvent> decide(UnitCommand command, UnitState state) {
        if (command instanceof CreateUnit create) {
            if (state instanceof ExistingUnit) {
                throw CommandRejected.ruleViolated("unit-exists", "Unit " + create.unitId() + " is already set up");
            }
            return List.of(new UnitCreated(create.unitId(), create.name(), create.managerId()));
        }
        if (command instanceof ChangeManager change) {
            if (!(state instanceof ExistingUnit unit)) {
                throw CommandRejected.notFound("unit-not-found", "There is no unit " + change.unitId());
            }
            if (unit.managerId().equals(change.managerId())) {
                return List.of();
            }
            return List.of(new UnitManagerChanged(unit.unitId(), change.managerId(), unit.managerId()));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    @Override
    public UnitState evolve(UnitState state, UnitEvent event) {
        if (event instanceof UnitCreated created) {
            return new ExistingUnit(created.unitId(), created.name(), created.managerId());
        }
        if (event instanceof UnitManagerChanged changed) {
            ExistingUnit unit = (ExistingUnit) state;
            return new ExistingUnit(unit.unitId(), unit.name(), changed.managerId());
        }
        throw new IllegalArgumentException("Unhandled event " + event.getClass().getSimpleName());
    }
}
