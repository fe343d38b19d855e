package org.learningloop.contracts.goal;

import java.math.BigDecimal;
import java.util.UUID;

/** The lag measure's value for a period was read for the first time. */
public record LagReadingRecorded(UUID wigId, UUID teamId, UUID unitId, String period, BigDecimal value)
        implements WigEvent {
}
