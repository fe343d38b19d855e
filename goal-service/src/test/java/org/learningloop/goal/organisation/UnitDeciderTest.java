package org.learningloop.goal.organisation;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.UnitCreated;
import org.learningloop.contracts.goal.UnitEvent;
import org.learningloop.contracts.goal.UnitManagerChanged;
import org.learningloop.decider.CommandRejected.Reason;
import org.learningloop.goal.organisation.UnitCommand.ChangeManager;
import org.learningloop.goal.organisation.UnitCommand.CreateUnit;
import org.learningloop.goal.organisation.UnitState.ExistingUnit;
import org.learningloop.testing.DeciderSpecification;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UnitDeciderTest {

    private static final UUID UNIT = UUID.randomUUID();
    private static final UUID MANAGER = UUID.randomUUID();
    private static final UUID OTHER_MANAGER = UUID.randomUUID();
    private static final UnitCreated CREATED = new UnitCreated(UNIT, "Region office North", MANAGER);

    private final DeciderSpecification<UnitCommand, UnitEvent, UnitState> spec = DeciderSpecification.of(new UnitDecider());

    @Test
    void givenNothing_whenCreated_thenUnitCreatedWithItsManager() {
        UnitState state = spec.given().when(new CreateUnit(UNIT, "Region office North", MANAGER)).then(CREATED);
        assertThat(state).isEqualTo(new ExistingUnit(UNIT, "Region office North", MANAGER));
    }

    @Test
    void givenUnit_whenCreatedAgain_thenRejectedAsExisting() {
        spec.given(CREATED).when(new CreateUnit(UNIT, "Again", MANAGER)).thenRejected(Reason.RULE_VIOLATED, "unit-exists");
    }

    @Test
    void givenUnit_whenOtherManager_thenManagerChangedWithPrevious() {
        UnitState state = spec.given(CREATED).when(new ChangeManager(UNIT, OTHER_MANAGER))
                .then(new UnitManagerChanged(UNIT, OTHER_MANAGER, MANAGER));
        assertThat(((ExistingUnit) state).managerId()).isEqualTo(OTHER_MANAGER);
    }

    @Test
    void givenUnit_whenSameManager_thenNothingNew() {
        spec.given(CREATED).when(new ChangeManager(UNIT, MANAGER)).then();
    }

    @Test
    void givenChangedManager_whenChangedBackToFirst_thenChangedWithSecondAsPrevious() {
        spec.given(CREATED, new UnitManagerChanged(UNIT, OTHER_MANAGER, MANAGER))
                .when(new ChangeManager(UNIT, MANAGER))
                .then(new UnitManagerChanged(UNIT, MANAGER, OTHER_MANAGER));
    }

    @Test
    void givenNothing_whenManagerChanged_thenNotFound() {
        spec.given().when(new ChangeManager(UNIT, MANAGER)).thenRejected(Reason.NOT_FOUND, "unit-not-found");
    }
}
