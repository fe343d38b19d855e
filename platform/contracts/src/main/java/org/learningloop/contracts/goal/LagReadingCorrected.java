package org.learningloop.contracts.goal;

import java.math.BigDecimal;
import java.util.UUID;

/** A period's reading was corrected; it supersedes the earlier value, which stays in the history. */
public record LagReadingCorrected(UUID wigId, UUID teamId, UUID unitId, String period, BigDecimal value,
                                  BigDecimal previousValue) implements WigEvent {
}
