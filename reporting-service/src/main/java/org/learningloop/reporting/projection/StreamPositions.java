package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.learningloop.platform.http.StreamPosition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each generation has applied every event stream ({@code projection_stream_position}, ADR 23): the highest
 * stream version of each stream in a batch, saved in the batch's transaction. A stream's events share a partition
 * key, so they are applied in version order and "version v applied" means every earlier one is too.
 */
final class StreamPositions {

    private static final String SAVE = "insert into projection_stream_position (projection, generation, stream_id, "
            + "version) select $1, $2, stream_id, version from unnest($3::text[], $4::bigint[]) as s(stream_id, version) "
            + "on conflict (projection, generation, stream_id) do update "
            + "set version = greatest(projection_stream_position.version, excluded.version)";

    private StreamPositions() {
    }

    /** Saves the highest version per stream of {@code applied}: where the batch's applied events left their streams. */
    static Uni<Void> save(SqlConnection tx, String projection, int generation, List<StreamPosition> applied) {
        Map<String, Long> highest = new HashMap<>();
        for (StreamPosition position : applied) {
            highest.merge(position.streamId(), position.version(), Math::max);
        }
        if (highest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(SAVE).execute(Tuple.of(projection, generation,
                        highest.keySet().toArray(String[]::new), highest.values().toArray(Long[]::new)))
                .replaceWithVoid();
    }
}
