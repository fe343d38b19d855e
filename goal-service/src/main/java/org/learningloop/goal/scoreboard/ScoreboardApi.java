package org.learningloop.goal.scoreboard;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the scoreboards. */
public final class ScoreboardApi {

    private ScoreboardApi() {
    }

    @Schema(description = "A team's scoreboard for one ISO week: its active WIGs (lag) and active lead measures (lead)")
    public record TeamScoreboard(
            UUID teamId,
            @Schema(description = "Absent while no event has named the team's unit") UUID unitId,
            @Schema(description = "Absent while the team is known only from its WIGs or lead measures") String name,
            @Schema(example = "2026-W48") String week,
            List<WigScore> wigs,
            List<LeadMeasureScore> leadMeasures) {
    }

    @Schema(description = "A unit's scoreboard: every team of the unit, and the unit's own WIGs")
    public record UnitScoreboard(UUID unitId, @Schema(example = "2026-W48") String week, List<TeamScoreboard> teams,
                                 List<WigScore> unitWigs) {
    }

    @Schema(description = "An active WIG: from X to Y by when, where it stands and where it should stand")
    public record WigScore(
            UUID wigId, String title, String metric, String unit, BigDecimal from, BigDecimal to, LocalDate startDate,
            LocalDate deadline, @Schema(enumeration = {"week", "month"}) String cadence,
            @Schema(description = "The latest period's reading; absent before the first") BigDecimal currentValue,
            @Schema(example = "2026-11") String currentPeriod,
            @Schema(description = "from + (to − from) × the share of startDate…deadline elapsed on the reference date "
                    + "(the week's Sunday, or today if earlier), rounded to 2 decimals") BigDecimal expectedByNow,
            @Schema(enumeration = {"winning", "at-risk", "losing", "no-data"}) String status) {
    }

    @Schema(description = "An active lead measure with its week and the 12 weeks ending with it")
    public record LeadMeasureScore(
            UUID leadMeasureId, UUID wigId, String name, String activityType, int weeklyTarget, WeekScore thisWeek,
            @Schema(description = "Oldest first, ending with the requested week; zeros for weeks with nothing")
            List<WeekActual> last12Weeks,
            @Schema(description = "This week's status", enumeration = {"winning", "at-risk", "losing"}) String status) {
    }

    @Schema(description = "The requested week of a lead measure")
    public record WeekScore(
            @Schema(example = "2026-W48") String week,
            @Schema(description = "Activities carried out, counted from activity-service's events") int automatic,
            @Schema(description = "The latest manual count recorded for the week") int manual,
            @Schema(description = "automatic + manual") int actual,
            int target,
            @Schema(enumeration = {"winning", "at-risk", "losing"}) String status) {
    }

    @Schema(description = "One week of a lead measure's history")
    public record WeekActual(
            @Schema(example = "2026-W47") String week, int automatic, int manual,
            @Schema(description = "automatic + manual") int actual, int target,
            @Schema(description = "actual ≥ target") boolean met) {
    }
}
