package org.learningloop.learning.apt;

import org.learningloop.contracts.Periods;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.learning.AgreementMade;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.learning.apt.WorkplaceMeetingApi.AgreementView;
import org.learningloop.learning.apt.WorkplaceMeetingApi.CommitmentSummary;
import org.learningloop.learning.apt.WorkplaceMeetingApi.DesignInUse;
import org.learningloop.learning.apt.WorkplaceMeetingApi.IterationView;
import org.learningloop.learning.apt.WorkplaceMeetingApi.LearningSummary;
import org.learningloop.learning.apt.WorkplaceMeetingApi.LoopsView;
import org.learningloop.learning.loop.LoopReads;
import org.learningloop.learning.loop.LoopReads.Fact;
import org.learningloop.learning.loop.LoopReads.Learning;
import org.learningloop.platform.config.LoopConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * A team's loop iterations. Iteration n runs from the month after the meeting that closed n − 1 (for
 * iteration 1: from the team's start) to the month of the meeting that closed it; the current one has
 * no end yet. What happened in each is assigned by month: activities by {@code carriedOutAt}, learnings by
 * the week of the first WIG meeting that reported them (else by when they were recorded), commitments by
 * the month of the meeting's week (its Thursday).
 */
@ApplicationScoped
public class LoopIterations {

    private final LoopReads reads;
    private final Pool pool;
    private final LoopConfig config;

    public LoopIterations(LoopReads reads, Pool pool, LoopConfig config) {
        this.reads = reads;
        this.pool = pool;
        this.config = config;
    }

    private record Closed(int iteration, String fromMonth, String toMonth, UUID meetingId, List<UUID> agreementIds) {
    }

    private record CommitmentRow(CommitmentSummary summary, String madeWeek) {
    }

    public Uni<LoopsView> loops(UUID teamId) {
        return pool.preparedQuery("select * from loop_iteration where team_id = $1 order by iteration")
                .execute(Tuple.of(teamId))
                .map(rows -> {
                    List<Closed> closed = new ArrayList<>();
                    rows.forEach(row -> closed.add(new Closed(row.getInteger("iteration"), row.getString("from_month"),
                            row.getString("to_month"), row.getUUID("workplace_meeting_id"),
                            Arrays.asList(row.getArrayOfUUIDs("agreement_ids")))));
                    return closed;
                })
                .chain(closed -> agreements(closed.stream().flatMap(c -> c.agreementIds().stream()).toList())
                        .chain(agreements -> reads.carriedOutBy(pool, teamId)
                                .chain(facts -> reads.learnings(pool, List.of(teamId))
                                        .chain(learnings -> commitments(teamId)
                                                .map(commitments -> assemble(teamId, closed, agreements, facts,
                                                        learnings, commitments))))));
    }

    private LoopsView assemble(UUID teamId, List<Closed> closed, Map<UUID, AgreementView> agreements, List<Fact> facts,
                               List<Learning> learnings, List<CommitmentRow> commitments) {
        int current = closed.size() + 1;
        Function<String, Integer> iterationOf = month -> {
            for (Closed c : closed) {
                if (month.compareTo(c.toMonth()) <= 0) {
                    return c.iteration();
                }
            }
            return current;
        };
        Map<Integer, List<Fact>> factsBy = new HashMap<>();
        facts.forEach(f -> factsBy.computeIfAbsent(iterationOf.apply(f.month()), k -> new ArrayList<>()).add(f));
        Map<Integer, List<LearningSummary>> learningsBy = new HashMap<>();
        learnings.forEach(l -> learningsBy.computeIfAbsent(
                iterationOf.apply(l.month(config.timeZone())), k -> new ArrayList<>()).add(l.summary()));
        Map<Integer, List<CommitmentSummary>> commitmentsBy = new HashMap<>();
        commitments.forEach(c -> commitmentsBy.computeIfAbsent(iterationOf.apply(Periods.monthOfWeek(c.madeWeek())),
                k -> new ArrayList<>()).add(c.summary()));
        List<IterationView> views = new ArrayList<>();
        for (Closed c : closed) {
            views.add(iteration(c.iteration(), "closed", c.fromMonth(), c.toMonth(), c.meetingId(),
                    factsBy.getOrDefault(c.iteration(), List.of()), learningsBy.getOrDefault(c.iteration(), List.of()),
                    commitmentsBy.getOrDefault(c.iteration(), List.of()),
                    c.agreementIds().stream().filter(agreements::containsKey).map(agreements::get).toList()));
        }
        String from = closed.isEmpty() ? null : Periods.nextMonth(closed.get(closed.size() - 1).toMonth());
        views.add(iteration(current, "open", from, null, null, factsBy.getOrDefault(current, List.of()),
                learningsBy.getOrDefault(current, List.of()), commitmentsBy.getOrDefault(current, List.of()), List.of()));
        return new LoopsView(teamId, current, views);
    }

    private static IterationView iteration(int number, String status, String from, String to, UUID closedBy,
                                           List<Fact> facts, List<LearningSummary> learnings,
                                           List<CommitmentSummary> commitments, List<AgreementView> agreements) {
        Map<List<Object>, Integer> designs = new LinkedHashMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Fact fact : facts) {
            if (fact.designId() != null) {
                designs.merge(Arrays.asList(fact.designId(), fact.designVersion(), fact.segment()), 1, Integer::sum);
            }
            fact.outcomes().forEach((name, count) -> outcomes.merge(name, count == null ? 0 : count, Integer::sum));
        }
        List<DesignInUse> inUse = designs.entrySet().stream().map(e -> new DesignInUse((UUID) e.getKey().get(0),
                (Integer) e.getKey().get(1), (String) e.getKey().get(2), e.getValue())).toList();
        return new IterationView(number, status, from, to, closedBy, inUse, facts.size(),
                facts.stream().map(Fact::activityId).toList(), outcomes, learnings, commitments, agreements);
    }

    private Uni<Map<UUID, AgreementView>> agreements(List<UUID> ids) {
        return pool.preparedQuery("select agreement_id, payload::text as payload from agreement_view where agreement_id = any($1)")
                .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, AgreementView> views = new HashMap<>();
                    rows.forEach(row -> views.put(row.getUUID("agreement_id"), WorkplaceMeetingService.agreementView(
                            (AgreementMade) LearningEvents.CATALOG.decode(LearningEvents.AGREEMENT_MADE.name(),
                                    LearningEvents.AGREEMENT_MADE.version(), row.getString("payload")))));
                    return views;
                });
    }

    private Uni<List<CommitmentRow>> commitments(UUID teamId) {
        return pool.preparedQuery("select * from wig_commitment where team_id = $1 order by made_week, made_in, position")
                .execute(Tuple.of(teamId))
                .map(rows -> {
                    List<CommitmentRow> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new CommitmentRow(new CommitmentSummary(row.getUUID("commitment_id"),
                                row.getString("made_week"), row.getString("what"), row.getUUID("lead_measure_id"),
                                row.getString("due_week"), row.getString("status")), row.getString("made_week")));
                    }
                    return list;
                });
    }
}
