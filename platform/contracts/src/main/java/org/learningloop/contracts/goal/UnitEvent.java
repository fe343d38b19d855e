package org.learningloop.contracts.goal;

import org.learningloop.contracts.LoopEvent;

import java.util.UUID;

/** What happens to a unit (e.g. a region office). Published on {@code loop.goals}, keyed by the unit. */
public sealed interface UnitEvent extends LoopEvent permits UnitCreated, UnitManagerChanged {

    @Override
    default UUID teamId() {
        return null;
    }
}
