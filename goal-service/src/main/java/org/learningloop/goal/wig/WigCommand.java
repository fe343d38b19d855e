package org.learningloop.goal.wig;

import org.learningloop.contracts.goal.LagMeasure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** What can be asked of a WIG. Time and zone come in with the command; the decider reads no clock. */
public sealed interface WigCommand {

    UUID wigId();

    /**
     * Set a WIG.
     *
     * @param parent what is known of {@code parentWigId}: {@code null} when there is no parent
     */
    record DefineWig(UUID wigId, UUID teamId, UUID unitId, String title, LagMeasure lagMeasure, ParentWig parent)
            implements WigCommand {
    }

    /** Record (or correct) the lag measure's value for one period. */
    record RecordLagReading(UUID wigId, String period, BigDecimal value, Instant now, ZoneId zone) implements WigCommand {
    }

    /** Change title, target or deadline; {@code null} keeps the current value. */
    record ReviseWig(UUID wigId, String title, BigDecimal to, java.time.LocalDate deadline, String reason)
            implements WigCommand {
    }

    /** The WIG was reached. */
    record AchieveWig(UUID wigId) implements WigCommand {
    }

    /** Give the WIG up. */
    record AbandonWig(UUID wigId, String reason) implements WigCommand {
    }

    /**
     * The WIG a new WIG aims at, as found in its stream.
     *
     * @param exists whether such a WIG has been defined
     */
    record ParentWig(UUID wigId, boolean exists, UUID teamId, UUID unitId) {
    }
}
