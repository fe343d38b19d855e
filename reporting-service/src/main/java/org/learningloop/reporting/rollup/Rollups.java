package org.learningloop.reporting.rollup;

import org.learningloop.contracts.Periods;
import org.learningloop.rules.ScoreboardRules;
import org.learningloop.reporting.evidence.GoalFacts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/** Unit and organisation roll-ups of the scoreboards, judged with the shared {@link ScoreboardRules}. Pure. */
public final class Rollups {

    private Rollups() {
    }

    /** A WIG on a roll-up: its line, latest reading and scoreboard status on the reference date. */
    public record WigLine(UUID wigId, UUID teamId, UUID unitId, UUID parentWigId, String title, String metric,
                          String measureUnit, BigDecimal from, BigDecimal to, LocalDate startDate, LocalDate deadline,
                          String state, String latestPeriod, BigDecimal latestValue, BigDecimal expected,
                          String status) {
    }

    /** A lead measure on a roll-up: last ISO week's actual (activities + manual count) against the target. */
    public record LeadLine(UUID leadMeasureId, UUID wigId, String name, String activityType, String status,
                           Integer weeklyTarget, String lastWeek, int lastWeekActual, String lastWeekStatus) {
    }

    public record TeamRollup(UUID teamId, String name, List<WigLine> wigs, List<LeadLine> leadMeasures) {
    }

    public record UnitRollup(UUID unitId, String name, LocalDate on, List<WigLine> unitWigs, List<TeamRollup> teams) {
    }

    /** A unit's part of an organisation WIG: its WIGs aiming at it and the sum of its teams' latest values. */
    public record UnitContribution(UUID unitId, String name, List<WigLine> unitWigs, List<WigLine> teamWigs,
                                   int teamWigsReporting, BigDecimal contribution) {
    }

    public record OrganisationWig(WigLine wig, List<UnitContribution> units) {
    }

    public record OrganisationRollup(LocalDate on, List<OrganisationWig> items) {
    }

    /** The WIG's line on {@code on}: expected value on the straight line, status winning / at-risk / losing / no-data. */
    public static WigLine line(GoalFacts.Wig wig, SortedMap<String, BigDecimal> readings, LocalDate on) {
        String latestPeriod = readings == null || readings.isEmpty() ? null : readings.lastKey();
        BigDecimal latest = latestPeriod == null ? null : readings.get(latestPeriod);
        BigDecimal expected = null;
        String status = ScoreboardRules.Status.NO_DATA.label();
        if (wig.from() != null && wig.to() != null && wig.startDate() != null && wig.deadline() != null) {
            expected = ScoreboardRules.expectedByNow(wig.from(), wig.to(), wig.startDate(), wig.deadline(), on);
            status = ScoreboardRules.wigStatus(wig.from(), wig.to(), expected, latest).label();
        }
        return new WigLine(wig.wigId(), wig.teamId(), wig.unitId(), wig.parentWigId(), wig.title(), wig.metric(),
                wig.measureUnit(), wig.from(), wig.to(), wig.startDate(), wig.deadline(), wig.state(), latestPeriod,
                latest, expected, status);
    }

    /** Last week (the ISO week before {@code on}'s) of a lead measure, judged with {@link ScoreboardRules#leadStatus}. */
    public static LeadLine lead(GoalFacts.LeadMeasure measure, int activitiesLastWeek, Map<String, Integer> manual,
                                LocalDate on) {
        String lastWeek = Periods.previousWeek(Periods.week(on));
        int actual = activitiesLastWeek + manual.getOrDefault(lastWeek, 0);
        String status = measure.weeklyTarget() == null ? ScoreboardRules.Status.NO_DATA.label()
                : ScoreboardRules.leadStatus(actual, measure.weeklyTarget(), Periods.weekStart(lastWeek), on).label();
        return new LeadLine(measure.leadMeasureId(), measure.wigId(), measure.name(), measure.activityType(),
                measure.status(), measure.weeklyTarget(), lastWeek, actual, status);
    }

    /**
     * Each unit's contribution to an organisation WIG: its unit WIGs aiming at it, and its teams' WIGs aiming at it
     * directly or through one of those unit WIGs; the contribution is the sum of the team WIGs' latest values.
     */
    public static List<UnitContribution> contributions(GoalFacts.Wig organisationWig, List<GoalFacts.Wig> all,
                                                       Map<UUID, SortedMap<String, BigDecimal>> readings,
                                                       Map<UUID, UUID> unitOfTeam, Map<UUID, String> unitNames,
                                                       LocalDate on) {
        List<GoalFacts.Wig> unitWigs = all.stream().filter(w -> organisationWig.wigId().equals(w.parentWigId())
                && w.teamId() == null && w.unitId() != null).toList();
        List<UUID> aimedAt = new ArrayList<>(unitWigs.stream().map(GoalFacts.Wig::wigId).toList());
        aimedAt.add(organisationWig.wigId());
        List<GoalFacts.Wig> teamWigs = all.stream().filter(w -> w.teamId() != null && aimedAt.contains(w.parentWigId()))
                .toList();
        java.util.TreeSet<String> unitKeys = new java.util.TreeSet<>();
        unitWigs.forEach(w -> unitKeys.add(w.unitId().toString()));
        teamWigs.forEach(w -> {
            UUID unit = w.unitId() != null ? w.unitId() : unitOfTeam.get(w.teamId());
            if (unit != null) {
                unitKeys.add(unit.toString());
            }
        });
        List<UnitContribution> result = new ArrayList<>();
        for (String key : unitKeys) {
            UUID unit = UUID.fromString(key);
            List<WigLine> ownUnitWigs = unitWigs.stream().filter(w -> unit.equals(w.unitId()))
                    .map(w -> line(w, readings.get(w.wigId()), on)).toList();
            List<WigLine> ownTeamWigs = teamWigs.stream()
                    .filter(w -> unit.equals(w.unitId() != null ? w.unitId() : unitOfTeam.get(w.teamId())))
                    .map(w -> line(w, readings.get(w.wigId()), on)).toList();
            List<BigDecimal> latest = ownTeamWigs.stream().map(WigLine::latestValue).filter(v -> v != null).toList();
            result.add(new UnitContribution(unit, unitNames.get(unit), ownUnitWigs, ownTeamWigs, latest.size(),
                    latest.stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
        }
        return result;
    }
}
