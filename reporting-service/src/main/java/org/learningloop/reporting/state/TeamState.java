package org.learningloop.reporting.state;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A team as it stood at an instant: what {@link TeamStateFold} makes of the team's history entries up to then.
 *
 * @param asOf         the same as {@code knownAt} (the name before business time was added; kept for clients)
 * @param knownAt      recording time: what the system knew at this instant
 * @param validAt      business time: the team as it stood at this instant by what happened then; absent: every
 *                     entry known counts, whatever its business time
 * @param lastEventAt  the latest recording time among the entries folded
 * @param eventsFolded how many history entries (the team's and its unit's unit-wide ones) went into it
 */
public record TeamState(UUID teamId, UUID unitId, String name, Instant asOf, Instant knownAt, Instant validAt,
                        int eventsFolded, Instant lastEventAt,
                        List<Wig> wigs, List<LeadMeasure> leadMeasures, List<Design> designs, Activities activities,
                        List<Commitment> openCommitments, LoopIteration loopIteration) {

    /** A WIG of the team (or of its unit): status {@code active}, {@code achieved} or {@code abandoned}. */
    public record Wig(UUID wigId, String title, boolean unitWide, String status, String metric, String unit,
                      BigDecimal from, BigDecimal to, String startDate, String deadline, List<LagValue> lagValues,
                      BigDecimal latestLag) {
    }

    /** A lag reading per period (a correction replaces the period's value). */
    public record LagValue(String period, BigDecimal value) {
    }

    /** A lead measure: status {@code proposed}, {@code active} or {@code retired}. */
    public record LeadMeasure(UUID leadMeasureId, UUID wigId, String name, String activityType, String status,
                              int weeklyTarget, UUID replacedBy) {
    }

    /**
     * A design the team has used (in an activity) or that is the team's or its unit's: its latest version, whether
     * retired, and the versions the team's activities used.
     */
    public record Design(UUID designId, String name, String activityType, int currentVersion, boolean retired,
                         List<Integer> versionsInUse) {
    }

    /** The team's activities by their latest phase. */
    public record Activities(Phase planned, Phase carriedOut, Phase evaluated, Phase cancelled) {
    }

    public record Phase(int count, List<UUID> ids) {
    }

    /** A commitment made at a WIG meeting and not yet accounted for at a later one. */
    public record Commitment(UUID commitmentId, String what, UUID leadMeasureId, String dueWeek, String madeInWeek) {
    }

    /**
     * The team's loop iteration: {@code number} 1 for its first; {@code fromMonth} when known;
     * {@code basis} {@code loop-iteration-events} or {@code workplace-meetings-closed}.
     */
    public record LoopIteration(int number, String fromMonth, String basis) {
    }
}
