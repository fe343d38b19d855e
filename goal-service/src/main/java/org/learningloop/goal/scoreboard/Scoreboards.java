package org.learningloop.goal.scoreboard;

import org.learningloop.contracts.Periods;
import org.learningloop.rules.ScoreboardRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.goal.scoreboard.ScoreboardApi.LeadMeasureScore;
import org.learningloop.goal.scoreboard.ScoreboardApi.TeamScoreboard;
import org.learningloop.goal.scoreboard.ScoreboardApi.UnitScoreboard;
import org.learningloop.goal.scoreboard.ScoreboardApi.WeekActual;
import org.learningloop.goal.scoreboard.ScoreboardApi.WeekScore;
import org.learningloop.goal.scoreboard.ScoreboardApi.WigScore;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.platform.readmodel.Rows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Queries of the scoreboard read model (written by {@link ScoreboardProjection}). A scoreboard takes a fixed number of
 * indexed queries whatever the history: the teams, their active WIGs, their active lead measures, and those lead
 * measures' rows for the 12 weeks shown.
 */
@ApplicationScoped
public class Scoreboards {

    static final int WEEKS_SHOWN = 12;

    private final Pool pool;
    private final Clock clock;
    private final LoopConfig config;

    public Scoreboards(Pool pool, Clock clock, LoopConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    /** The team's scoreboard for {@code week} (ISO week such as 2026-W48; the current week when absent). */
    public Uni<TeamScoreboard> team(UUID teamId, String week) {
        LocalDate today = today();
        LocalDate weekStart = weekStart(week, today);
        return list(ScoreboardTeam.SELECT + " where team_id = $1", Tuple.of(teamId), ScoreboardTeam::from)
                .invoke(teams -> {
                    if (teams.isEmpty()) {
                        throw notFound("team-not-found", "There is no team " + teamId);
                    }
                })
                .chain(teams -> scoreboards(teams, weekStart, today))
                .map(boards -> boards.get(0));
    }

    /** The scoreboards of every team of the unit and the unit's own active WIGs, for {@code week}. */
    public Uni<UnitScoreboard> unit(UUID unitId, String week) {
        LocalDate today = today();
        LocalDate weekStart = weekStart(week, today);
        return list(ScoreboardTeam.SELECT + " where unit_id = $1 order by name nulls last, team_id", Tuple.of(unitId),
                        ScoreboardTeam::from)
                .chain(teams -> list(ScoreboardWig.SELECT + " where unit_id = $1 and team_id is null and status = 'active'"
                                + " order by defined_at, wig_id", Tuple.of(unitId), ScoreboardWig::from)
                        .chain(unitWigs -> known(unitId, teams, unitWigs)
                                .chain(() -> scoreboards(teams, weekStart, today))
                                .map(boards -> new UnitScoreboard(unitId, Periods.of(weekStart, Cadence.WEEK), boards,
                                        unitWigs.stream().map(wig -> wigScore(wig, weekStart, today)).toList()))));
    }

    /** A unit is known once it was created, or a team or a WIG (of any status) names it. */
    private Uni<Void> known(UUID unitId, List<ScoreboardTeam> teams, List<ScoreboardWig> unitWigs) {
        if (!teams.isEmpty() || !unitWigs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("select exists (select 1 from scoreboard_wig where unit_id = $1)"
                        + " or exists (select 1 from scoreboard_unit where unit_id = $1) as known")
                .execute(Tuple.of(unitId))
                .invoke(rows -> {
                    if (!rows.iterator().next().getBoolean("known")) {
                        throw notFound("unit-not-found", "There is no unit " + unitId);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<List<TeamScoreboard>> scoreboards(List<ScoreboardTeam> teams, LocalDate weekStart, LocalDate today) {
        if (teams.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple teamIds = Tuple.tuple().addArrayOfUUID(teams.stream().map(ScoreboardTeam::teamId).toArray(UUID[]::new));
        List<String> weeks = weeksEndingWith(weekStart);
        return list(ScoreboardWig.SELECT + " where team_id = any($1) and status = 'active' order by defined_at, wig_id",
                        teamIds, ScoreboardWig::from)
                .chain(wigs -> list(ScoreboardLeadMeasure.SELECT + " where team_id = any($1) and status = 'active'"
                                + " order by since, lead_measure_id", teamIds, ScoreboardLeadMeasure::from)
                        .chain(measures -> actuals(measures, weeks).map(actuals -> teams.stream()
                                .map(team -> new TeamScoreboard(team.teamId(), team.unitId(), team.name(),
                                        weeks.get(weeks.size() - 1),
                                        wigs.stream().filter(wig -> team.teamId().equals(wig.teamId()))
                                                .map(wig -> wigScore(wig, weekStart, today)).toList(),
                                        measures.stream().filter(measure -> team.teamId().equals(measure.teamId()))
                                                .map(measure -> leadMeasureScore(measure, weeks, weekStart, today,
                                                        actuals.getOrDefault(measure.leadMeasureId(), Map.of())))
                                                .toList()))
                                .toList())));
    }

    /** The rows of {@code measures} in {@code weeks}, by lead measure and week. */
    private Uni<Map<UUID, Map<String, ScoreboardLeadWeek>>> actuals(List<ScoreboardLeadMeasure> measures,
                                                                   List<String> weeks) {
        if (measures.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple parameters = Tuple.tuple()
                .addArrayOfUUID(measures.stream().map(ScoreboardLeadMeasure::leadMeasureId).toArray(UUID[]::new))
                .addString(weeks.get(0)).addString(weeks.get(weeks.size() - 1));
        return list(ScoreboardLeadWeek.SELECT + " where lead_measure_id = any($1) and week >= $2 and week <= $3",
                        parameters, ScoreboardLeadWeek::from)
                .map(rows -> rows.stream().collect(Collectors.groupingBy(ScoreboardLeadWeek::leadMeasureId,
                        Collectors.toMap(ScoreboardLeadWeek::week, row -> row))));
    }

    private <T> Uni<List<T>> list(String sql, Tuple parameters, Function<Row, T> from) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> Rows.list(rows, from));
    }

    private static WigScore wigScore(ScoreboardWig wig, LocalDate weekStart, LocalDate today) {
        LocalDate reference = ScoreboardRules.referenceDate(weekStart, today);
        BigDecimal expected = ScoreboardRules.expectedByNow(wig.lagFrom(), wig.lagTo(), wig.startDate(), wig.deadline(),
                reference);
        return new WigScore(wig.wigId(), wig.title(), wig.metric(), wig.lagUnit(), wig.lagFrom(), wig.lagTo(),
                wig.startDate(), wig.deadline(), wig.cadence(), wig.currentValue(), wig.currentPeriod(),
                expected.setScale(2, RoundingMode.HALF_UP),
                ScoreboardRules.wigStatus(wig.lagFrom(), wig.lagTo(), expected, wig.currentValue()).label());
    }

    private static LeadMeasureScore leadMeasureScore(ScoreboardLeadMeasure measure, List<String> weeks,
                                                     LocalDate weekStart, LocalDate today,
                                                     Map<String, ScoreboardLeadWeek> rows) {
        int target = measure.weeklyTarget();
        List<WeekActual> history = new ArrayList<>(weeks.size());
        for (String week : weeks) {
            ScoreboardLeadWeek row = rows.get(week);
            int automatic = row == null ? 0 : row.automatic();
            int manual = row == null ? 0 : row.manual();
            history.add(new WeekActual(week, automatic, manual, automatic + manual, target,
                    ScoreboardRules.met(automatic + manual, target)));
        }
        WeekActual current = history.get(history.size() - 1);
        String status = ScoreboardRules.leadStatus(current.actual(), target, weekStart, today).label();
        return new LeadMeasureScore(measure.leadMeasureId(), measure.wigId(), measure.name(), measure.activityType(), target,
                new WeekScore(current.week(), current.automatic(), current.manual(), current.actual(), target, status),
                history, status);
    }

    /** The first day of the requested week, or of the current week in the organisation's zone. */
    private static LocalDate weekStart(String week, LocalDate today) {
        if (week == null || week.isBlank()) {
            return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        return Periods.start(week.strip(), Cadence.WEEK)
                .orElseThrow(() -> QueryParams.invalid("week", "must be an ISO week such as 2026-W48"));
    }

    private static List<String> weeksEndingWith(LocalDate weekStart) {
        List<String> weeks = new ArrayList<>(WEEKS_SHOWN);
        for (int back = WEEKS_SHOWN - 1; back >= 0; back--) {
            weeks.add(Periods.of(weekStart.minusWeeks(back), Cadence.WEEK));
        }
        return weeks;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), config.timeZone());
    }

    private static HttpProblem notFound(String code, String detail) {
        return new HttpProblem(Problem.of(404, code, "Not found", detail));
    }
}
