package org.learningloop.contracts.goal;

import org.learningloop.contracts.LoopEvent;

import java.util.UUID;

/** What happens to a wildly important goal (WIG) and its lag measure. Published on {@code loop.goals}. */
public sealed interface WigEvent extends LoopEvent permits WigDefined, LagReadingRecorded, LagReadingCorrected, WigRevised,
        WigAchieved, WigAbandoned {

    UUID wigId();
}
