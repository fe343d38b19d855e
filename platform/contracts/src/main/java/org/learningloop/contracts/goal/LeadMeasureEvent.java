package org.learningloop.contracts.goal;

import org.learningloop.contracts.LoopEvent;

import java.util.UUID;

/** What happens to a lead measure, the team's hypothesis of what moves its WIG. Published on {@code loop.goals}. */
public sealed interface LeadMeasureEvent extends LoopEvent permits LeadMeasureProposed, LeadMeasureActivated,
        LeadMeasureRetired, LeadReadingRecorded, LeadReadingCorrected {

    UUID leadMeasureId();
}
