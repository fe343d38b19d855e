package org.learningloop.learning.meetings;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.learning.WigMeetingHeld;
import org.learningloop.contracts.learning.WigMeetingHeld.Accountability;
import org.learningloop.contracts.learning.WigMeetingHeld.Commitment;
import org.learningloop.decider.CommandRejected;
import org.learningloop.learning.meetings.WigMeetingApi.CommitmentView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The commitment read model: commitments made at WIG meetings, open until a later meeting accounts
 * for them (kept or not kept); written in the transaction that records the meeting.
 */
@ApplicationScoped
public class Commitments {

    /** The team's open commitments made in meetings of weeks before {@code week} and due by it, oldest first. */
    public Uni<List<UUID>> openBefore(SqlClient client, UUID teamId, String week) {
        return client.preparedQuery("select commitment_id from wig_commitment where team_id = $1 and status = 'open' "
                        + "and made_week < $2 and due_week <= $2 order by made_week, made_in, position")
                .execute(Tuple.of(teamId, week))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("commitment_id")));
                    return ids;
                });
    }

    /** Applies what the meeting recorded: closes the accounted commitments and adds the new ones. */
    public Uni<Void> write(SqlClient tx, WigMeetingHeld held) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Accountability accountability : held.accountability()) {
            chain = chain.chain(() -> tx.preparedQuery("""
                            update wig_commitment set status = $2, accounted_in = $3, note = $4
                            where commitment_id = $1 and status = 'open'""")
                    .execute(Tuple.of(accountability.commitmentId(), accountability.kept() ? "kept" : "not-kept",
                            held.wigMeetingId(), accountability.note()))
                    .invoke(result -> {
                        if (result.rowCount() != 1) {
                            throw CommandRejected.ruleViolated("commitment-accounted",
                                    "Commitment " + accountability.commitmentId() + " was accounted for meanwhile");
                        }
                    })
                    .replaceWithVoid());
        }
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < held.commitments().size(); i++) {
            Commitment commitment = held.commitments().get(i);
            rows.add(Tuple.tuple().addUUID(commitment.commitmentId()).addUUID(held.teamId()).addUUID(held.wigMeetingId())
                    .addString(held.week()).addUUID(commitment.memberId()).addString(commitment.what())
                    .addUUID(commitment.leadMeasureId()).addString(commitment.dueWeek()).addInteger(i));
        }
        if (rows.isEmpty()) {
            return chain;
        }
        return chain.chain(() -> tx.preparedQuery("""
                        insert into wig_commitment (commitment_id, team_id, made_in, made_week, member_id, what,
                                                    lead_measure_id, due_week, position, status)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open')""")
                .executeBatch(rows).replaceWithVoid());
    }

    /** These commitments as they stand now, in the order given. */
    public Uni<List<CommitmentView>> byIds(SqlClient client, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery("select * from wig_commitment where commitment_id = any($1)")
                .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, CommitmentView> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getUUID("commitment_id"), of(row)));
                    return ids.stream().filter(found::containsKey).map(found::get).toList();
                });
    }

    private static CommitmentView of(Row row) {
        return new CommitmentView(row.getUUID("commitment_id"), row.getUUID("member_id"), row.getString("what"),
                row.getUUID("lead_measure_id"), row.getString("due_week"), row.getString("made_week"),
                row.getString("status"), row.getString("note"));
    }
}
