package org.learningloop.learning.learnings;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ImprovementProposal;
import org.learningloop.decider.CommandRejected;
import org.learningloop.learning.learnings.LearningApi.CandidateView;
import org.learningloop.learning.learnings.LearningCommand.CandidateFact;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.readmodel.Rows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The learning candidate read model: one row per improvement proposal of an evaluated activity, its
 * status changed in the transaction of the command that confirms or dismisses it.
 */
@ApplicationScoped
public class Candidates {

    private static final String COLUMNS = "candidate_id, team_id, unit_id, activity_id, design_id, element, proposal, "
            + "status, learning_id, dismissal_reason, proposed_at, resolved_at, position";

    /** The candidate id of the {@code index}-th proposal of the evaluation of {@code activityId}: stable on redelivery. */
    public static UUID candidateId(UUID activityId, int index) {
        return UUID.nameUUIDFromBytes(("learning-candidate\n" + activityId + "\n" + index).getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the evaluation's proposals as open candidates; ones already there stay as they are. */
    public Uni<Void> propose(SqlClient tx, ActivityEvaluated evaluated, Instant at) {
        List<ImprovementProposal> proposals = evaluated.improvementProposals() == null ? List.of()
                : evaluated.improvementProposals();
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            ImprovementProposal proposal = proposals.get(i);
            rows.add(Tuple.tuple().addUUID(candidateId(evaluated.activityId(), i)).addUUID(evaluated.teamId())
                    .addUUID(evaluated.unitId()).addUUID(evaluated.activityId()).addUUID(evaluated.designId())
                    .addString(proposal.element()).addString(proposal.proposal()).addOffsetDateTime(Rows.utc(at)).addInteger(i));
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into learning_candidate (candidate_id, team_id, unit_id, activity_id, design_id, element,
                                                        proposal, status, proposed_at, position)
                        values ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9)
                        on conflict (candidate_id) do nothing""")
                .executeBatch(rows).replaceWithVoid();
    }

    /** What the read model says of a candidate, or {@code null}. */
    public Uni<CandidateFact> fact(SqlClient client, UUID candidateId) {
        return view(client, candidateId).map(view -> view == null ? null : new CandidateFact(view.id(), view.teamId(),
                view.unitId(), view.activityId(), view.element(), view.proposal(), view.status()));
    }

    public Uni<CandidateView> view(SqlClient client, UUID candidateId) {
        return client.preparedQuery("select " + COLUMNS + " from learning_candidate where candidate_id = $1")
                .execute(Tuple.of(candidateId))
                .map(rows -> rows.iterator().hasNext() ? of(rows.iterator().next()) : null);
    }

    /**
     * Confirms ({@code learningId}) or dismisses ({@code reason}) an open candidate in the command's
     * transaction; a candidate resolved meanwhile by another command is refused (409), undoing the transaction.
     */
    public Uni<Void> resolve(SqlClient tx, UUID candidateId, UUID learningId, String reason, Instant now) {
        return tx.preparedQuery("""
                        update learning_candidate set status = $2, learning_id = $3, dismissal_reason = $4, resolved_at = $5
                        where candidate_id = $1 and status = 'open'""")
                .execute(Tuple.of(candidateId, learningId != null ? "confirmed" : "dismissed", learningId, reason, Rows.utc(now)))
                .invoke(result -> {
                    if (result.rowCount() != 1) {
                        throw CommandRejected.ruleViolated("candidate-not-open",
                                "Learning candidate " + candidateId + " is no longer open");
                    }
                })
                .replaceWithVoid();
    }

    /** The team's open candidates, oldest first. */
    public Uni<List<CandidateView>> open(SqlClient client, UUID teamId) {
        return client.preparedQuery("select " + COLUMNS + " from learning_candidate where team_id = $1 and status = 'open' "
                        + "order by proposed_at, activity_id, position")
                .execute(Tuple.of(teamId))
                .map(rows -> {
                    List<CandidateView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(of(row)));
                    return views;
                });
    }

    /** These candidates, in the order given (unknown ids left out). */
    public Uni<List<CandidateView>> byIds(SqlClient client, List<UUID> ids) {
        return client.preparedQuery("select " + COLUMNS + " from learning_candidate where candidate_id = any($1)")
                .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, CandidateView> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getUUID("candidate_id"), of(row)));
                    return ids.stream().filter(found::containsKey).map(found::get).toList();
                });
    }

    /** A page of the team's candidates in the order proposed, optionally of one status. */
    public Uni<Page<CandidateView>> page(SqlClient client, UUID teamId, String status, String cursor, int limit) {
        Tuple params = Tuple.tuple().addUUID(teamId).addString(status);
        String after = "";
        if (cursor != null) {
            String[] key = Cursors.decode(cursor, 3);
            try {
                params.addOffsetDateTime(Rows.utc(Instant.parse(key[0]))).addUUID(UUID.fromString(key[1]))
                        .addInteger(Integer.parseInt(key[2]));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.invalid();
            }
            after = " and (proposed_at, activity_id, position) > ($3, $4, $5)";
        }
        params.addInteger(limit + 1);
        String limitParam = cursor != null ? "$6" : "$3";
        return client.preparedQuery("select " + COLUMNS + " from learning_candidate where team_id = $1 "
                        + "and ($2::text is null or status = $2)" + after
                        + " order by proposed_at, activity_id, position limit " + limitParam)
                .execute(params)
                .map(rows -> {
                    List<Row> all = new ArrayList<>();
                    rows.forEach(all::add);
                    return Page.of(all, limit, Candidates::of, last -> Cursors.encode(
                            last.getOffsetDateTime("proposed_at").toInstant().toString(),
                            last.getUUID("activity_id").toString(), Integer.toString(last.getInteger("position"))));
                });
    }

    private static CandidateView of(Row row) {
        OffsetDateTime resolved = row.getOffsetDateTime("resolved_at");
        return new CandidateView(row.getUUID("candidate_id"), row.getUUID("team_id"), row.getUUID("unit_id"),
                row.getUUID("activity_id"), row.getUUID("design_id"), row.getString("element"), row.getString("proposal"),
                row.getString("status"), row.getUUID("learning_id"), row.getString("dismissal_reason"),
                row.getOffsetDateTime("proposed_at").toInstant(), resolved == null ? null : resolved.toInstant(),
                CandidateView.versionOf(row.getString("status")));
    }

}
