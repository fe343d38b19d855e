package org.learningloop.learning.meetings;

import org.learningloop.contracts.Periods;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.rules.ScoreboardRules;
import org.learningloop.learning.loop.LoopReads;
import org.learningloop.learning.loop.LoopReads.LagRow;
import org.learningloop.learning.loop.LoopReads.LeadMeasure;
import org.learningloop.learning.loop.LoopReads.Wig;
import org.learningloop.learning.meetings.WigMeetingApi.LeadScore;
import org.learningloop.learning.meetings.WigMeetingApi.Scoreboard;
import org.learningloop.learning.meetings.WigMeetingApi.WigScore;
import org.learningloop.platform.config.LoopConfig;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The scoreboard on a WIG meeting's agenda, from the goals read model: the team's active WIGs with their
 * latest lag reading against the target, and its active lead measures with the meeting week's and the
 * week before's actual (the activities counted toward it by the one counting rule, ADR 21, + manual readings)
 * against the weekly target.
 * Verdicts follow {@link ScoreboardRules}, judged on the meeting week's Sunday or today if earlier.
 */
@ApplicationScoped
public class AgendaScoreboard {

    private final LoopReads reads;
    private final LoopConfig config;
    private final Clock clock;

    public AgendaScoreboard(LoopReads reads, LoopConfig config, Clock clock) {
        this.reads = reads;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Scoreboard> of(SqlClient client, UUID teamId, String week) {
        String lastWeek = Periods.previousWeek(week);
        LocalDate weekStart = Periods.weekStart(week);
        LocalDate today = LocalDate.ofInstant(clock.instant(), config.timeZone());
        LocalDate reference = ScoreboardRules.referenceDate(weekStart, today);
        return reads.wigsOfTeam(client, teamId).chain(allWigs -> {
            List<Wig> wigs = allWigs.stream().filter(w -> "active".equals(w.status())).toList();
            return reads.lagReadings(client, wigs.stream().map(Wig::wigId).toList())
                    .chain(lag -> reads.leadMeasures(client, List.of(teamId)).chain(allLeads -> {
                        List<LeadMeasure> leads = allLeads.stream().filter(l -> "active".equals(l.status())).toList();
                        return reads.weekly(client, allLeads, List.of(week, lastWeek)).map(weekly -> new Scoreboard(
                                wigScores(wigs, lag, reference, week),
                                leadScores(leads, weekly, week, lastWeek, weekStart, today)));
                    }));
        });
    }

    private static List<WigScore> wigScores(List<Wig> wigs, List<LagRow> lag, LocalDate reference, String week) {
        String month = Periods.monthOfWeek(week);
        List<WigScore> scores = new ArrayList<>();
        for (Wig wig : wigs) {
            LagRow latest = null;
            for (LagRow row : lag) {
                boolean notLater = row.period().contains("W") ? row.period().compareTo(week) <= 0
                        : row.period().compareTo(month) <= 0;
                if (row.wigId().equals(wig.wigId()) && notLater) {
                    latest = row;
                }
            }
            var expected = ScoreboardRules.expectedByNow(wig.from(), wig.to(), wig.startDate(), wig.deadline(), reference);
            scores.add(new WigScore(wig.wigId(), wig.title(), wig.metric(), wig.from(), wig.to(), wig.deadline(),
                    latest == null ? null : latest.period(), latest == null ? null : latest.value(),
                    ScoreboardRules.wigStatus(wig.from(), wig.to(), expected, latest == null ? null : latest.value()).label()));
        }
        return scores;
    }

    private static List<LeadScore> leadScores(List<LeadMeasure> leads, Map<UUID, Map<String, int[]>> weekly, String week,
                                              String lastWeek, LocalDate weekStart, LocalDate today) {
        List<LeadScore> scores = new ArrayList<>();
        for (LeadMeasure lead : leads) {
            Map<String, int[]> byWeek = weekly.getOrDefault(lead.leadMeasureId(), Map.of());
            int actual = sum(byWeek.get(week));
            int last = sum(byWeek.get(lastWeek));
            scores.add(new LeadScore(lead.leadMeasureId(), lead.wigId(), lead.name(), lead.activityType(),
                    lead.weeklyTarget(), week, actual, lastWeek, last,
                    ScoreboardRules.leadStatus(actual, lead.weeklyTarget(), weekStart, today).label()));
        }
        return scores;
    }

    private static int sum(int[] counts) {
        return counts == null ? 0 : counts[0] + counts[1];
    }
}
