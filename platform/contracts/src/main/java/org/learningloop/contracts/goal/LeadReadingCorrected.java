package org.learningloop.contracts.goal;

import java.util.UUID;

/** A week's manual count was corrected; {@code count} supersedes {@code previousCount}. */
public record LeadReadingCorrected(UUID leadMeasureId, UUID teamId, UUID unitId, String week, int count,
                                   int previousCount) implements LeadMeasureEvent {
}
