package org.learningloop.contracts.goal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** The WIG's title, target or deadline changed; the values here replace the earlier ones, which stay in the history. */
public record WigRevised(UUID wigId, UUID teamId, UUID unitId, String title, BigDecimal to, LocalDate deadline,
                         String reason) implements WigEvent {
}
