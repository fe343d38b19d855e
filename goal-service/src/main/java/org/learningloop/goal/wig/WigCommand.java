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
     * @param teamId      the team of a team WIG
     * @param unitId      the unit of a unit WIG, or the unit the client named for a team WIG
     * @param owner       what was found of the team or unit: {@code null} for an organisation WIG
     * @param parent      what is known of {@code parentWigId}: {@code null} when there is no parent
     */
    record DefineWig(UUID wigId, UUID teamId, UUID unitId, String title, LagMeasure lagMeasure, Owner owner,
                     ParentWig parent) implements WigCommand {
    }

    /**
     * The team or unit a WIG belongs to, as found in its stream.
     *
     * @param exists whether it exists
     * @param unitId the unit (of the team, for a team WIG)
     */
    record Owner(boolean exists, UUID unitId) {
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
